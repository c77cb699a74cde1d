#include "orderdetailpane.h"

#include "lineitemsmodel.h"
#include "money/moneyformat.h"
#include "orderstatus.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tts {

namespace {

QLabel* addRow(QFormLayout* form, const QString& label, QHash<QString, QLabel*>& values, const QString& key,
               bool money)
{
    auto* value = new QLabel(form->parentWidget());
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (money)
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(label, value);
    values.insert(key, value);
    return value;
}

} // namespace

OrderDetailPane::OrderDetailPane(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("orderDetailPane"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    auto* empty = new QLabel(tr("Select an order to see its items and amounts."), m_stack);
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(empty);

    auto* page = new QWidget(m_stack);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);
    m_title = new QLabel(page);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(page);
    layout->addWidget(m_title);
    layout->addWidget(m_status);

    auto* columns = new QHBoxLayout;
    columns->setSpacing(24);
    auto* amountsBox = new QWidget(page);
    m_amounts = new QFormLayout(amountsBox);
    m_amounts->setContentsMargins(0, 0, 0, 0);
    m_amounts->setLabelAlignment(Qt::AlignLeft);
    m_amounts->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addRow(m_amounts, tr("Products"), m_values, QStringLiteral("original_total_product_price"), true);
    addRow(m_amounts, tr("Seller discount"), m_values, QStringLiteral("seller_discount"), true);
    addRow(m_amounts, tr("Platform discount"), m_values, QStringLiteral("platform_discount"), true);
    addRow(m_amounts, tr("Subtotal"), m_values, QStringLiteral("sub_total"), true);
    addRow(m_amounts, tr("Shipping"), m_values, QStringLiteral("shipping_fee"), true);
    addRow(m_amounts, tr("Tax"), m_values, QStringLiteral("tax"), true);
    QLabel* total = addRow(m_amounts, tr("Total"), m_values, QStringLiteral("total"), true);
    QFont bold = total->font();
    bold.setBold(true);
    total->setFont(bold);

    auto* factsBox = new QWidget(page);
    m_facts = new QFormLayout(factsBox);
    m_facts->setContentsMargins(0, 0, 0, 0);
    addRow(m_facts, tr("Created"), m_values, QStringLiteral("created"), false);
    addRow(m_facts, tr("Paid"), m_values, QStringLiteral("paid"), false);
    addRow(m_facts, tr("Delivered"), m_values, QStringLiteral("delivered"), false);
    addRow(m_facts, tr("Cancelled"), m_values, QStringLiteral("cancelled"), false);
    addRow(m_facts, tr("Payment"), m_values, QStringLiteral("payment"), false);
    addRow(m_facts, tr("Carrier"), m_values, QStringLiteral("carrier"), false);
    addRow(m_facts, tr("Tracking"), m_values, QStringLiteral("tracking"), false);
    columns->addWidget(amountsBox, 1);
    columns->addWidget(factsBox, 1);
    layout->addLayout(columns);

    m_itemsTitle = new QLabel(page);
    m_itemsTitle->setFont(bold);
    layout->addWidget(m_itemsTitle);
    m_items = new LineItemsModel(this);
    m_itemsView = new QTableView(page);
    m_itemsView->setModel(m_items);
    m_itemsView->setObjectName(QStringLiteral("lineItemsView"));
    m_itemsView->verticalHeader()->hide();
    m_itemsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_itemsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_itemsView->setAlternatingRowColors(true);
    m_itemsView->setShowGrid(false);
    m_itemsView->setWordWrap(false);
    m_itemsView->horizontalHeader()->setSectionResizeMode(LineItemsModel::ProductColumn,
                                                          QHeaderView::Stretch);
    m_itemsView->horizontalHeader()->setHighlightSections(false);
    layout->addWidget(m_itemsView, 1);
    m_stack->addWidget(page);
}

void OrderDetailPane::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::systemTimeZone();
}

QString OrderDetailPane::formatTime(const std::optional<qint64>& secs) const
{
    if (!secs || *secs <= 0)
        return QStringLiteral("—");
    return locale().toString(QDateTime::fromSecsSinceEpoch(*secs, m_zone),
                             QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString OrderDetailPane::amountText(const QString& field) const
{
    const QLabel* label = m_values.value(field);
    return label ? label->text() : QString();
}

void OrderDetailPane::showOrder(const std::optional<OrderDetails>& details)
{
    if (!details) {
        m_orderId.clear();
        m_items->setItems({});
        m_stack->setCurrentIndex(0);
        return;
    }
    const Order& o = details->order;
    m_orderId = o.id;
    m_title->setText(tr("Order %1").arg(o.id));
    m_status->setText(OrderStatus::label(o.status));
    auto money = [&](const QString& value) {
        return value.isEmpty() ? QStringLiteral("—") : formatMoney(value, o.currency, locale());
    };
    m_values.value(QStringLiteral("original_total_product_price"))
        ->setText(money(o.originalTotalProductPrice));
    m_values.value(QStringLiteral("seller_discount"))->setText(money(o.sellerDiscount));
    m_values.value(QStringLiteral("platform_discount"))->setText(money(o.platformDiscount));
    m_values.value(QStringLiteral("sub_total"))->setText(money(o.subTotal));
    m_values.value(QStringLiteral("shipping_fee"))->setText(money(o.shippingFee));
    m_values.value(QStringLiteral("tax"))->setText(money(o.tax));
    m_values.value(QStringLiteral("total"))->setText(money(o.totalAmount));
    m_values.value(QStringLiteral("created"))->setText(formatTime(o.createTime));
    m_values.value(QStringLiteral("paid"))->setText(formatTime(o.paidTime));
    m_values.value(QStringLiteral("delivered"))->setText(formatTime(o.deliveryTime));
    m_values.value(QStringLiteral("cancelled"))->setText(formatTime(o.cancelTime));
    auto text = [](const QString& value) {
        return value.isEmpty() ? QStringLiteral("—") : value;
    };
    m_values.value(QStringLiteral("payment"))->setText(text(o.paymentMethodName));
    m_values.value(QStringLiteral("carrier"))->setText(text(o.shippingProvider));
    m_values.value(QStringLiteral("tracking"))->setText(text(o.trackingNumber));
    const int units = int(o.lineItems.size());
    m_itemsTitle->setText(units == 1 ? tr("1 item") : tr("%1 items").arg(locale().toString(units)));
    m_items->setLocale(locale());
    m_items->setItems(o.lineItems);
    m_itemsView->resizeColumnsToContents();
    m_itemsView->horizontalHeader()->setSectionResizeMode(LineItemsModel::ProductColumn,
                                                          QHeaderView::Stretch);
    m_stack->setCurrentIndex(1);
}

} // namespace tts
