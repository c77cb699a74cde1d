#pragma once

#include "storage/statusquery.h"
#include "sync/synctypes.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace tts {

// The strip under the toolbar: while a sync runs, a determinate progress bar ("12,340 of 276,000
// orders · about 2 min left") with Cancel; otherwise one status line per shop. Progress signals are
// coalesced: the widgets are updated at most every updateIntervalMs(), whatever the signal rate.
class SyncPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SyncPanel(QWidget* parent = nullptr);

    void setShopStatuses(const QList<ShopStatus>& shops);
    void setMessage(const QString& text); // the last run's result, shown beside the status lines

    QProgressBar* progressBar() const { return m_bar; }
    QPushButton* cancelButton() const { return m_cancel; }
    QString statusText() const; // every status line, one per line (tests, accessibility)
    bool isSyncing() const { return m_syncing; }
    int updateIntervalMs() const { return m_throttle.interval(); }
    int appliedUpdates() const { return m_applied; }

public Q_SLOTS:
    void syncStarted(tts::SyncMode mode);
    void updateProgress(const tts::SyncProgress& progress);
    void syncEnded();
    void refreshRelativeTimes();

Q_SIGNALS:
    void cancelRequested();

private:
    void applyProgress();

    QWidget* m_progressRow = nullptr;
    QLabel* m_title = nullptr;
    QProgressBar* m_bar = nullptr;
    QPushButton* m_cancel = nullptr;
    QWidget* m_statusBox = nullptr;
    QVBoxLayout* m_statusLayout = nullptr;
    QLabel* m_message = nullptr;
    QList<ShopStatus> m_shops;
    QList<QLabel*> m_lines;
    SyncProgress m_pending;
    bool m_hasPending = false;
    bool m_syncing = false;
    SyncMode m_mode = SyncMode::Incremental;
    QTimer m_throttle;
    QTimer m_clock;
    int m_applied = 0;
};

} // namespace tts
