#pragma once

#include "productsmodel.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QThread;

namespace tts {

// The Products page: the catalog with SKUs, prices, inventory and what each product sold, searchable
// (title, seller SKU, SKU id) and sortable. Loads on a thread of its own with its own read-only
// connection, after every sync.
class ProductsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ProductsPage(QWidget* parent = nullptr);
    ~ProductsPage() override;

    void setDatabaseFile(const QString& path);
    void reload();
    bool isLoading() const { return m_thread != nullptr; }

    ProductsModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLineEdit* searchField() const { return m_search; }
    QLabel* countLabel() const { return m_count; }

public Q_SLOTS:
    void focusSearch();

Q_SIGNALS:
    void loaded();

private:
    void finishLoad(const QList<ProductRow>& rows, const QString& error);
    void updateCount();

    QString m_path;
    QString m_error;
    ProductsModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_empty = nullptr;
    QLineEdit* m_search = nullptr;
    QLabel* m_count = nullptr;
    QTimer m_debounce;
    QThread* m_thread = nullptr;
    bool m_reloadAgain = false;
};

} // namespace tts
