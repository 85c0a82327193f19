// Saves the team settings a lead owns (at-risk fraction, notify-before-breach minutes) with
// PUT /settings; the server echoes them and hands them to every client in its change feed.
#pragma once

#include "domain.h"

#include <QFuture>
#include <QObject>

#include <functional>

namespace SupportDesk {

class DeskSession;
class Transport;
struct TransportResponse;

class TeamSettingsClient : public QObject
{
    Q_OBJECT

public:
    // The program's client: sent as a session request on the sync worker's transport, and
    // connected while the session is online (the status bar's Online).
    explicit TeamSettingsClient(DeskSession *session, QObject *parent = nullptr);
    // Over a transport of the caller's (tests), always counted as connected; the transport
    // must outlive this client.
    explicit TeamSettingsClient(Transport *transport, QObject *parent = nullptr);
    ~TeamSettingsClient() override;

    // Sends the settings; one of saved() or failed() follows. False (nothing sent) when the
    // values are out of range or a save is already under way.
    bool save(const TeamSettings &settings);
    bool isBusy() const { return m_busy; }
    // Whether a save can reach the server now; connectedChanged() when that may have changed.
    bool isConnected() const;

    // The request body PUT /settings takes.
    static QByteArray requestBody(const TeamSettings &settings);

signals:
    void saved(const SupportDesk::TeamSettings &settings);
    // `status` 0: no answer; `code` the server's error code when it gave one.
    void failed(int status, const QString &code, const QString &message);
    void connectedChanged();

private:
    void answer(const TransportResponse &r);

    using Send = std::function<QFuture<TransportResponse>(const QByteArray &, const QString &,
                                                          const QByteArray &)>;
    Send m_send;
    DeskSession *m_session = nullptr;
    Transport *m_transport = nullptr;
    quint64 m_transportRequest = 0;
    bool m_busy = false;
};

} // namespace SupportDesk
