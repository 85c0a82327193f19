#!/usr/bin/python3
"""A local receiver for the IM groups' replies (the demo, scripts/run.sh): the webhook a
WeCom or Slack bot would run. Every post the desk makes to http://127.0.0.1:PORT/<group> is
written to DIR as NNNN.json (the group, the ticket, the text, and the signature headers); a
post repeated with an X-SupportDesk-Delivery already written is answered 200 and not written
again, as docs/channels.md asks of a receiver. Standard library only.

usage: im_sink.py PORT DIR   (prints "ready" once it listens)
"""
import http.server
import json
import os
import signal
import sys
import threading


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    lock = threading.Lock()
    names = sorted(n for n in os.listdir(directory) if n.endswith('.json'))
    state = {'count': len(names), 'seen': set()}
    for name in names:
        try:
            with open(os.path.join(directory, name), encoding='utf-8') as f:
                state['seen'].add(json.load(f).get('delivery', ''))
        except (OSError, ValueError):
            pass

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get('Content-Length') or 0)
            raw = self.rfile.read(length)
            delivery = self.headers.get('X-SupportDesk-Delivery', '')
            try:
                body = json.loads(raw.decode('utf-8'))
            except ValueError:
                self.send_response(400)
                self.end_headers()
                return
            with lock:
                if not delivery or delivery not in state['seen']:
                    state['seen'].add(delivery)
                    state['count'] += 1
                    base = os.path.join(directory, '%04d' % state['count'])
                    info = {
                        'path': self.path,
                        'group_id': body.get('group_id', ''),
                        'ticket_number': body.get('ticket_number', 0),
                        'ticket_id': body.get('ticket_id', ''),
                        'message_id': body.get('message_id', ''),
                        'text': body.get('text', ''),
                        'delivery': delivery,
                        'timestamp': self.headers.get('X-SupportDesk-Timestamp', ''),
                        'signature': self.headers.get('X-SupportDesk-Signature', ''),
                        'body': raw.decode('utf-8'),  # the signed bytes, to check
                    }
                    with open(base + '.tmp', 'w', encoding='utf-8') as f:
                        json.dump(info, f, ensure_ascii=False, indent=1)
                    os.rename(base + '.tmp', base + '.json')  # never half a file
            self.send_response(200)
            self.send_header('Content-Length', '0')
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(('127.0.0.1', port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print('ready', flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    server.shutdown()


if __name__ == '__main__':
    main()
