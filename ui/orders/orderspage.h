#pragma once

#include "ordertablequery.h"

#include <QPair>
#include <QSqlDatabase>
#include <QTimeZone>
#include <QTimer>
#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QThread;

namespace tts {

class OrderDetailPane;
class OrdersModel;

// The Orders page: search (order id, product, SKU; debounced), status, date range and shop filters,
// the virtualized orders table, the detail pane, and CSV export of the current filter.
class OrdersPage : public QWidget
{
    Q_OBJECT
public:
    explicit OrdersPage(QWidget* parent = nullptr);
    ~OrdersPage() override;

    // The GUI's read-only connection and the file (the export reads with its own connection).
    void setDatabase(const QSqlDatabase& db, const QString& path);
    void setShops(const QList<QPair<QString, QString>>& shops); // id, name
    void setTimeZone(const QTimeZone& zone);

    // After a sync: count again, keep the selected order and the scroll position.
    void reload();

    OrdersModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    OrderDetailPane* detailPane() const { return m_detail; }
    QLineEdit* searchField() const { return m_search; }
    QComboBox* statusBox() const { return m_status; }
    QComboBox* rangeBox() const { return m_range; }
    QLabel* countLabel() const { return m_count; }
    OrderFilter currentFilter() const;
    void selectRow(int row);

    // Writes the current filter to `file` on a worker thread; exportFinished follows.
    void exportTo(const QString& file);
    bool isExporting() const { return m_exportThread != nullptr; }
    QByteArray saveSplitterState() const;
    void restoreSplitterState(const QByteArray& state);

public Q_SLOTS:
    void focusSearch();
    void exportCsv(); // asks for a file name
    void applyFilter();

Q_SIGNALS:
    void exportFinished(bool ok, const QString& message);

private:
    void showSelected();
    void updateCount();
    void updateDateEdits();
    void onLoaded(int keptRow);

    QSqlDatabase m_db;
    QString m_path;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    OrdersModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    OrderDetailPane* m_detail = nullptr;
    QSplitter* m_splitter = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_status = nullptr;
    QComboBox* m_range = nullptr;
    QComboBox* m_shop = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QLabel* m_count = nullptr;
    QPushButton* m_export = nullptr;
    QTimer m_debounce;
    QThread* m_exportThread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancelExport;
    QString m_keepOrderId;
    int m_keepScroll = 0;
    bool m_keepPending = false;
};

} // namespace tts
