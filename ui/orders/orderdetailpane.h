#pragma once

#include "orderdetails.h"

#include <QTimeZone>
#include <QWidget>

class QFormLayout;
class QLabel;
class QTableView;
class QStackedWidget;

namespace tts {

class LineItemsModel;

// The right-hand pane of the orders page: one order's amounts, dates, shipping and line items.
class OrderDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit OrderDetailPane(QWidget* parent = nullptr);

    void showOrder(const std::optional<OrderDetails>& details);
    void setTimeZone(const QTimeZone& zone);
    QString orderId() const { return m_orderId; }
    LineItemsModel* lineItemsModel() const { return m_items; }
    QString amountText(const QString& field) const; // "total", "sub_total", ... (tests)

private:
    QString formatTime(const std::optional<qint64>& secs) const;

    QStackedWidget* m_stack = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_status = nullptr;
    QFormLayout* m_amounts = nullptr;
    QFormLayout* m_facts = nullptr;
    QHash<QString, QLabel*> m_values;
    QTableView* m_itemsView = nullptr;
    LineItemsModel* m_items = nullptr;
    QLabel* m_itemsTitle = nullptr;
    QString m_orderId;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace tts
