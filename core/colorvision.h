// Colours checked as people with the common colour-vision deficiencies see them (issue 17):
// the edition badges must stay apart for them, and a badge's text must be readable on it.
// Pure functions on 0xRRGGBB values, so that core (no QtGui) and its tests can use them.
#pragma once

#include <QString>

#include <optional>

namespace SupportDesk::ColorVision {

enum class Deficiency {
    None,
    Protanopia,   // no long-wave (red) cones, ~1 % of men
    Deuteranopia, // no medium-wave (green) cones, ~1 % of men; anomalies ~5 %
    Tritanopia,   // no short-wave (blue) cones, rare
};

// "#rrggbb" (the catalog's badgeColor) as 0xRRGGBB, or nothing.
std::optional<quint32> parse(const QString &hex);

// The colour as seen with the deficiency at full severity (Machado, Oliveira and Fernandes
// 2009, applied in linear RGB).
quint32 simulate(quint32 rgb, Deficiency deficiency);

// CIE76 ΔE between two colours in CIELAB (D65): about 2.3 is just noticeable; badges that
// sit side by side in a queue should differ by 10 or more.
double deltaE(quint32 a, quint32 b);

// ΔE between two colours as seen with the deficiency.
double deltaE(quint32 a, quint32 b, Deficiency deficiency);

// WCAG 2 contrast ratio, 1 to 21; 4.5 is the minimum for small text.
double contrast(quint32 a, quint32 b);

// Black or white, whichever reads better on the background.
quint32 textOn(quint32 background);

} // namespace SupportDesk::ColorVision
