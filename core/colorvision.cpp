#include "colorvision.h"

#include <array>
#include <cmath>

namespace SupportDesk::ColorVision {

namespace {

using Vec = std::array<double, 3>;
using Mat = std::array<Vec, 3>;

// Machado et al. 2009, severity 1.0, for linear RGB.
constexpr Mat Protan { { { 0.152286, 1.052583, -0.204868 },
                         { 0.114503, 0.786281, 0.099216 },
                         { -0.003882, -0.048116, 1.051998 } } };
constexpr Mat Deutan { { { 0.367322, 0.860646, -0.227968 },
                         { 0.280085, 0.672501, 0.047413 },
                         { -0.011820, 0.042940, 0.968881 } } };
constexpr Mat Tritan { { { 1.255528, -0.076749, -0.178779 },
                         { -0.078411, 0.930809, 0.147602 },
                         { 0.004733, 0.691367, 0.303900 } } };

double toLinear(int channel)
{
    const double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

int fromLinear(double c)
{
    c = std::clamp(c, 0.0, 1.0);
    const double s = c <= 0.0031308 ? c * 12.92 : 1.055 * std::pow(c, 1 / 2.4) - 0.055;
    return int(std::lround(s * 255));
}

Vec linear(quint32 rgb)
{
    return { toLinear(int(rgb >> 16 & 0xff)), toLinear(int(rgb >> 8 & 0xff)),
             toLinear(int(rgb & 0xff)) };
}

Vec lab(quint32 rgb)
{
    const Vec c = linear(rgb);
    const double x = (0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047;
    const double y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    const double z = (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883;
    const auto f = [](double t) {
        return t > 216.0 / 24389 ? std::cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    };
    return { 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)) };
}

double luminance(quint32 rgb)
{
    const Vec c = linear(rgb);
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

} // namespace

std::optional<quint32> parse(const QString &hex)
{
    if (hex.size() != 7 || hex.at(0) != u'#')
        return std::nullopt;
    bool ok = false;
    const uint value = QStringView(hex).mid(1).toUInt(&ok, 16);
    return ok ? std::optional<quint32>(value) : std::nullopt;
}

quint32 simulate(quint32 rgb, Deficiency deficiency)
{
    if (deficiency == Deficiency::None)
        return rgb;
    const Mat &m = deficiency == Deficiency::Protanopia     ? Protan
                   : deficiency == Deficiency::Deuteranopia ? Deutan
                                                            : Tritan;
    const Vec c = linear(rgb);
    quint32 out = 0;
    for (int i = 0; i < 3; ++i)
        out = out << 8 | quint32(fromLinear(m[i][0] * c[0] + m[i][1] * c[1] + m[i][2] * c[2]));
    return out;
}

double deltaE(quint32 a, quint32 b)
{
    const Vec p = lab(a), q = lab(b);
    return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

double deltaE(quint32 a, quint32 b, Deficiency deficiency)
{
    return deltaE(simulate(a, deficiency), simulate(b, deficiency));
}

double contrast(quint32 a, quint32 b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

quint32 textOn(quint32 background)
{
    return contrast(background, 0x000000) >= contrast(background, 0xffffff) ? 0x000000 : 0xffffff;
}

} // namespace SupportDesk::ColorVision
