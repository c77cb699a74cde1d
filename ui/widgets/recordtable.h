#pragma once

#include <QString>

class QLineEdit;
class QTableView;
class QWidget;

namespace tts {

// The look and behaviour the record tables share (orders, products): whole rows selected one at a
// time, read-only, alternating rows without grid, no row numbers, and fixed row heights so that
// the view never measures its rows (a million of them).
void setUpRecordTable(QTableView* table);

// A search box with a clear button and a search icon in front.
QLineEdit* createSearchField(const QString& objectName, const QString& placeholder, QWidget* parent);

} // namespace tts
