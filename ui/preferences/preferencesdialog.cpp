#include "preferencesdialog.h"

#include "appsettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>

namespace tts {

PreferencesDialog::PreferencesDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("preferencesDialog"));
    auto* layout = new QVBoxLayout(this);

    auto* display = new QGroupBox(tr("Dates and charts"), this);
    auto* displayForm = new QFormLayout(display);
    m_zone = new QComboBox(display);
    m_zone->setEditable(false);
    m_zone->addItem(tr("System (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())), QString());
    const QList<QByteArray> ids = QTimeZone::availableTimeZoneIds();
    for (const QByteArray& id : ids)
        m_zone->addItem(QString::fromUtf8(id), QString::fromUtf8(id));
    const int current = m_zone->findData(AppSettings::timeZoneId());
    m_zone->setCurrentIndex(current < 0 ? 0 : current);
    displayForm->addRow(tr("&Time zone:"), m_zone);
    auto* zoneHint =
        new QLabel(tr("Days, weeks and months of the charts begin at midnight in this zone."), display);
    zoneHint->setWordWrap(true);
    zoneHint->setForegroundRole(QPalette::PlaceholderText);
    displayForm->addRow(QString(), zoneHint);
    layout->addWidget(display);

    auto* sync = new QGroupBox(tr("Sync"), this);
    auto* syncForm = new QFormLayout(sync);
    m_overlap = new QSpinBox(sync);
    m_overlap->setRange(0, 1440);
    m_overlap->setSuffix(tr(" min"));
    m_overlap->setValue(AppSettings::overlapMinutes());
    m_overlap->setToolTip(tr("How far back each refresh looks again, to catch late updates"));
    m_concurrency = new QSpinBox(sync);
    m_concurrency->setRange(1, 16);
    m_concurrency->setValue(AppSettings::concurrency());
    m_concurrency->setToolTip(tr("Parallel downloads during a full resync"));
    m_rate = new QDoubleSpinBox(sync);
    m_rate->setRange(0.5, 200);
    m_rate->setDecimals(1);
    m_rate->setSuffix(tr(" requests/s"));
    m_rate->setValue(AppSettings::requestsPerSecond());
    m_rate->setToolTip(tr("Upper limit of API requests per second; TikTok may slow it down further"));
    syncForm->addRow(tr("&Overlap:"), m_overlap);
    syncForm->addRow(tr("&Concurrency:"), m_concurrency);
    syncForm->addRow(tr("&Request rate:"), m_rate);
    layout->addWidget(sync);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void PreferencesDialog::save()
{
    AppSettings::setTimeZoneId(m_zone->currentData().toString());
    AppSettings::setOverlapMinutes(m_overlap->value());
    AppSettings::setConcurrency(m_concurrency->value());
    AppSettings::setRequestsPerSecond(m_rate->value());
}

} // namespace tts
