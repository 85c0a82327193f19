// Completion from the plan catalog where an agent types third-party software and its version
// (the scope dialog, the new-ticket form), and the sentence ending their texts share.
#pragma once

#include "plancatalog.h"

class QComboBox;
class QLineEdit;

namespace SupportDesk {

namespace SoftwareCompletion {

// The box's catalog entries pop up as the agent types, matched anywhere in the name and
// case-insensitively ("zilla" offers "FTP — FileZilla Server").
void completeNames(QComboBox *box);
// The versions the catalog names for `product` pop up in `edit` ("5.6", "5.7"; a lower bound
// offers its version: "2.4"); none when no product is known.
void completeVersions(QLineEdit *edit, const SoftwareProduct *product);
// `text` as one sentence: a full stop in the language's form added when it has none (catalog
// texts are phrases: "Standard images provided by Tencent Cloud").
QString sentence(const QString &text, Language language);

} // namespace SoftwareCompletion

} // namespace SupportDesk
