#pragma once

#include <QObject>
#include <QString>

class QThread;
class QTimer;

namespace tts {

// The window's side of issue 5's database safety, kept out of MainWindow: the integrity check off the
// GUI thread right after a profile opens (quick_check reads the whole file: about 1 s per 300,000
// orders), the rebuild of a damaged database (moved aside as a backup, a fresh one created under the
// sync lock), and waiting for another program's sync of the same database to end.
class DatabaseGuard : public QObject
{
    Q_OBJECT
public:
    explicit DatabaseGuard(QObject* parent = nullptr);
    ~DatabaseGuard() override; // waits for a running check

    // Checks `path` in a background thread unless it is exactly as the last clean sync left it;
    // emits damaged() when it is not sound. Syncs check for themselves, so nothing waits for this.
    void check(const QString& path);

    struct Rebuilt
    {
        bool ok = false;
        bool connectionKept = false; // the shop's connection settings were recovered: a full resync can start
        QString backupPath;
        QString message; // the error, or where the backup is
    };
    // Moves the damaged database aside and creates a fresh one. Refused while a sync holds the lock.
    Rebuilt rebuild(const QString& path);

    // True when another sync (another window, the command line) holds the lock of `path`.
    static bool isSyncRunningElsewhere(const QString& path, qint64* pid = nullptr);
    // Polls the lock of `path` and emits syncElsewhereFinished() once it is free.
    void waitForOtherSync(const QString& path);

Q_SIGNALS:
    void damaged(const QString& path, const QString& detail);
    void syncElsewhereFinished();

private:
    QThread* m_check = nullptr;
    QTimer* m_poll = nullptr;
    QString m_waitPath;
};

} // namespace tts
