#include "syncpanel.h"

#include "syncformat.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace tts {

SyncPanel::SyncPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("syncPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->setSpacing(4);

    m_progressRow = new QWidget(this);
    auto* row = new QHBoxLayout(m_progressRow);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(10);
    m_title = new QLabel(m_progressRow);
    m_bar = new QProgressBar(m_progressRow);
    m_bar->setTextVisible(true);
    m_bar->setMinimumWidth(260);
    m_bar->setAccessibleName(tr("Sync progress"));
    m_cancel = new QPushButton(tr("Cancel"), m_progressRow);
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    m_cancel->setToolTip(tr("Stop the sync and keep what was fetched (Esc)"));
    row->addWidget(m_title);
    row->addWidget(m_bar, 1);
    row->addWidget(m_cancel);
    layout->addWidget(m_progressRow);
    m_progressRow->hide();

    m_statusBox = new QWidget(this);
    m_statusLayout = new QVBoxLayout(m_statusBox);
    m_statusLayout->setContentsMargins(0, 0, 0, 0);
    m_statusLayout->setSpacing(2);
    layout->addWidget(m_statusBox);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_message->hide();
    layout->addWidget(m_message);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_title->setText(tr("Cancelling…"));
        Q_EMIT cancelRequested();
    });

    // A progress signal only stores the figures; the widgets follow at a fixed pace.
    m_throttle.setInterval(100);
    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, &SyncPanel::applyProgress);
    m_clock.setInterval(30000);
    connect(&m_clock, &QTimer::timeout, this, &SyncPanel::refreshRelativeTimes);
    m_clock.start();
}

void SyncPanel::setShopStatuses(const QList<ShopStatus>& shops)
{
    m_shops = shops;
    while (m_lines.size() > shops.size())
        delete m_lines.takeLast();
    while (m_lines.size() < shops.size()) {
        auto* label = new QLabel(m_statusBox);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_statusLayout->addWidget(label);
        m_lines << label;
    }
    refreshRelativeTimes();
}

void SyncPanel::setMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString SyncPanel::statusText() const
{
    QStringList lines;
    for (const QLabel* label : m_lines)
        lines << label->text();
    return lines.join(u'\n');
}

void SyncPanel::refreshRelativeTimes()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int i = 0; i < m_lines.size() && i < m_shops.size(); ++i)
        m_lines.at(i)->setText(SyncFormat::shopLine(m_shops.at(i), now, locale()));
}

void SyncPanel::syncStarted(SyncMode mode)
{
    m_syncing = true;
    m_mode = mode;
    m_hasPending = false;
    m_title->setText(mode == SyncMode::Full ? tr("Full resync") : tr("Syncing"));
    m_bar->setRange(0, 0); // busy until the first total arrives
    m_bar->setFormat(tr("Starting…"));
    m_cancel->setEnabled(true);
    m_progressRow->show();
    setMessage({});
}

void SyncPanel::updateProgress(const SyncProgress& progress)
{
    m_pending = progress;
    m_hasPending = true;
    if (!m_throttle.isActive())
        m_throttle.start();
}

void SyncPanel::applyProgress()
{
    if (!m_hasPending || !m_syncing)
        return;
    m_hasPending = false;
    ++m_applied;
    const SyncProgress& p = m_pending;
    if (p.ordersTotal > 0) {
        // QProgressBar is int: scale huge totals down.
        const qint64 scale = p.ordersTotal > 1000000000 ? 1000 : 1;
        m_bar->setRange(0, int(p.ordersTotal / scale));
        m_bar->setValue(int(std::min(p.ordersDone, p.ordersTotal) / scale));
    } else {
        m_bar->setRange(0, 0);
    }
    m_bar->setFormat(SyncFormat::progressText(p, locale()));
    m_bar->setToolTip(tr("%1 API calls · %2 orders/s")
                          .arg(locale().toString(p.apiCalls), locale().toString(p.ordersPerSecond, 'f', 0)));
}

void SyncPanel::syncEnded()
{
    m_throttle.stop();
    applyProgress();
    m_syncing = false;
    m_progressRow->hide();
}

} // namespace tts
