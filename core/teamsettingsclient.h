// Saves the team settings a lead owns (at-risk fraction, notify-before-breach minutes) with
// PUT /settings; the server echoes them and hands them to every client in its change feed.
#pragma once

#include "domain.h"

#include <QObject>

namespace SupportDesk {

class Transport;

class TeamSettingsClient : public QObject
{
    Q_OBJECT

public:
    // The transport stays the caller's; it must outlive this client.
    explicit TeamSettingsClient(Transport *transport, QObject *parent = nullptr);
    ~TeamSettingsClient() override;

    // Sends the settings; one of saved() or failed() follows. False (nothing sent) when the
    // values are out of range or a save is already under way.
    bool save(const TeamSettings &settings);
    bool isBusy() const { return m_inFlight != 0; }

    // The request body PUT /settings takes.
    static QByteArray requestBody(const TeamSettings &settings);

signals:
    void saved(const SupportDesk::TeamSettings &settings);
    // `status` 0: no answer; `code` the server's error code when it gave one.
    void failed(int status, const QString &code, const QString &message);

private:
    Transport *m_transport;
    quint64 m_inFlight = 0;
};

} // namespace SupportDesk
