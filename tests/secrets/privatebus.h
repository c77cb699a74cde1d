#pragma once

#include <QFile>
#include <QProcess>
#include <QString>
#include <QTest>

namespace tts::test {

// A private D-Bus session bus with no service files: nothing can be activated on it, so it has no
// Secret Service until a test starts one.
class PrivateBus
{
public:
    bool start(const QString& dir)
    {
        const QString config = dir + QStringLiteral("/bus.conf");
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        // No raw string literal: moc reads this header and trips over them.
        const QString xml =
            QStringLiteral("<!DOCTYPE busconfig PUBLIC"
                           " \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\""
                           " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                           "<busconfig>\n"
                           "  <type>session</type>\n"
                           "  <listen>unix:dir=%1</listen>\n"
                           "  <auth>EXTERNAL</auth>\n"
                           "  <policy context=\"default\">\n"
                           "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                           "    <allow eavesdrop=\"true\"/>\n"
                           "    <allow own=\"*\"/>\n"
                           "  </policy>\n"
                           "</busconfig>\n");
        file.write(xml.arg(dir).toUtf8());
        file.close();
        m_process.start(QStringLiteral("dbus-daemon"),
                        {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
                         QStringLiteral("--print-address=1")});
        if (!m_process.waitForStarted(10000))
            return false;
        if (!QTest::qWaitFor([&] { return m_process.canReadLine(); }, 10000))
            return false;
        m_address = QString::fromUtf8(m_process.readLine()).trimmed();
        return !m_address.isEmpty();
    }

    ~PrivateBus()
    {
        m_process.terminate();
        m_process.waitForFinished(5000);
    }

    QString address() const { return m_address; }

    // Whether a client owns `name` on this bus right now.
    bool hasName(const QString& name) const
    {
        QProcess send;
        send.start(QStringLiteral("dbus-send"),
                   {QStringLiteral("--bus=") + m_address, QStringLiteral("--print-reply"),
                    QStringLiteral("--dest=org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
                    QStringLiteral("org.freedesktop.DBus.NameHasOwner"), QStringLiteral("string:") + name});
        return send.waitForFinished(10000) && send.readAllStandardOutput().contains("boolean true");
    }

private:
    QProcess m_process;
    QString m_address;
};

} // namespace tts::test
