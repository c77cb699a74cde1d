#include "recordtable.h"

#include <QAbstractItemView>
#include <QHeaderView>
#include <QLineEdit>
#include <QStyle>
#include <QTableView>

namespace tts {

void setUpRecordTable(QTableView* table)
{
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    QHeaderView* header = table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
}

QLineEdit* createSearchField(const QString& objectName, const QString& placeholder, QWidget* parent)
{
    auto* search = new QLineEdit(parent);
    search->setObjectName(objectName);
    search->setPlaceholderText(placeholder);
    search->setClearButtonEnabled(true);
    search->addAction(parent->style()->standardIcon(QStyle::SP_FileDialogContentsView),
                      QLineEdit::LeadingPosition);
    search->setMinimumWidth(260);
    return search;
}

} // namespace tts
