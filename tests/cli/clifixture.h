#pragma once

// Runs the real tiktok-shop-sync executable as a subprocess against an in-process emulator, with a
// private keychain service name, a private HOME and a database in a temporary folder.

#include "emulator.h"
#include "testsupport.h"

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <memory>

namespace tts::test {

struct CliResult
{
    int exitCode = -1;
    bool crashed = false; // killed by a signal or did not finish in time
    QByteArray out;
    QByteArray err;

    QString lastErrorLine() const;
    QString describe() const; // for failure messages
};

class CliFixture
{
public:
    explicit CliFixture(demo::EmulatorConfig config = {});
    ~CliFixture(); // runs `disconnect` when connect ran

    bool isValid() const { return m_emulator && m_dir.isValid(); }
    demo::Emulator& emulator() { return *m_emulator; }
    QString databasePath() const { return m_databasePath; }
    QString homePath() const { return m_home; }
    QString keychainService() const { return m_service; }
    QString shopId() const;

    QProcessEnvironment environment() const;
    void setEnvironment(const QString& name, const QString& value) { m_extraEnv.insert(name, value); }

    // --db, --api-base and --auth-base of this fixture, then `arguments`.
    QStringList withGlobals(const QStringList& arguments) const;
    CliResult run(const QStringList& arguments, int timeoutMs = 120000);
    CliResult runRaw(const QStringList& arguments, int timeoutMs = 120000); // no global options
    // Started, not waited for (the caller signals it); finish() collects it.
    std::unique_ptr<QProcess> startAsync(const QStringList& arguments);
    CliResult finish(QProcess& process, int timeoutMs = 120000);

    // connect with a fresh auth code; returns the result.
    CliResult connectShop();

    // Everything any run printed, for the "no secret in any output" check.
    const QByteArray& allOutput() const { return m_allOutput; }

private:
    std::unique_ptr<demo::Emulator> m_emulator;
    TempDir m_dir;
    QString m_databasePath;
    QString m_home;
    QString m_service;
    QProcessEnvironment m_extraEnv;
    QByteArray m_allOutput;
    bool m_connected = false;
};

QString syncExecutable();

// Files under `folder` (recursively) whose bytes contain any of `needles`; empty when none.
QStringList filesContaining(const QString& folder, const QList<QByteArray>& needles);

} // namespace tts::test
