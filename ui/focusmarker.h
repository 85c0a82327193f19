// Focus always visible (issue 17, docs/accessibility.md): the style draws a focus frame on
// buttons, boxes and lines, but not on a view, a text view or a scroll area (the queue, the
// conversation, the composer, a list). A QFocusFrame follows the focus onto those, in every
// window of the desk, drawn by the style in the palette's window-text colour.
#pragma once

namespace SupportDesk::FocusMarker {

// Starts following the application's focus; once per application, later calls do nothing.
void install();

} // namespace SupportDesk::FocusMarker
