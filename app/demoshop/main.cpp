#include "emulator.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    tts::demo::Emulator emulator;
    QString error;
    if (!emulator.start(0, &error))
        return 1;
    return QCoreApplication::exec();
}
