// Any bytes as "SPEC\nVERSION": a catalog's version spec against a customer's version.
#include "versionspec.h"

using namespace SupportDesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype cut = text.indexOf(u'\n');
    const QString specText = cut < 0 ? text : text.left(cut);
    const QString versionText = cut < 0 ? text : text.mid(cut + 1);
    const VersionSpec spec = VersionSpec::parse(specText);
    const Version version = Version::parse(versionText);
    spec.matches(version);
    const int ab = Version::compare(spec.bound(), version);
    const int ba = Version::compare(version, spec.bound());
    if ((ab < 0) != (ba > 0) || (ab == 0) != (ba == 0))
        __builtin_trap(); // compare must be antisymmetric
    version.startsWith(spec.bound());
    return 0;
}
