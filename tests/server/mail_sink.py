#!/usr/bin/python3
"""An SMTP server for the mail tests and the demo (aiosmtpd): every message it accepts is
written to DIR as NNNN.eml, and beside it NNNN.json with what Python's own MIME parser reads
from it (headers decoded, the text body), so the tests check the mail with a second reader.

usage: mail_sink.py PORT DIR   (prints "ready" once it listens)
"""
import email
import email.policy
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = len([n for n in os.listdir(directory) if n.endswith('.eml')])

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, '%04d' % self.count)
        raw = envelope.original_content or envelope.content
        with open(base + '.eml', 'wb') as f:
            f.write(raw)
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        part = msg.get_body(('plain',))
        info = {
            'mail_from': envelope.mail_from,
            'rcpt_tos': envelope.rcpt_tos,
            'subject': str(msg['subject'] or ''),
            'from': str(msg['from'] or ''),
            'to': str(msg['to'] or ''),
            'message_id': str(msg['message-id'] or ''),
            'in_reply_to': str(msg['in-reply-to'] or ''),
            'references': str(msg['references'] or ''),
            'auto_submitted': str(msg['auto-submitted'] or ''),
            'content_type': part.get_content_type() if part else '',
            'charset': part.get_content_charset() if part else '',
            'body': part.get_content() if part else '',
            'raw_ascii': all(b < 128 for b in raw),
        }
        tmp = base + '.tmp'
        with open(tmp, 'w', encoding='utf-8') as f:
            json.dump(info, f, ensure_ascii=False)
        os.rename(tmp, base + '.json')  # a reader never sees half a file
        return '250 Message accepted for delivery'


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    controller = Controller(Sink(directory), hostname='127.0.0.1', port=port)
    controller.start()
    print('ready', flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait()
    controller.stop()


if __name__ == '__main__':
    main()
