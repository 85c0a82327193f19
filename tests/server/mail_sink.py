#!/usr/bin/python3
"""An SMTP server for the mail tests and the demo (aiosmtpd): every message it accepts is
written to DIR as NNNN.eml, and beside it NNNN.json with what Python's own MIME parser reads
from it (headers decoded, the text body, each attachment's name, type, size and sha256), so the
tests check the mail with a second reader.

usage: mail_sink.py PORT DIR [--stall TEXT]   (prints "ready" once it listens, and
"accepted <message-id>" for each message it keeps)

--stall TEXT: the first message whose bytes hold TEXT is held after its data has arrived,
before the answer to it ("stalled <message-id>" on stdout), until a line "accept" on stdin:
then it is written and answered 250. If the client goes away while it is held, it is dropped
("dropped <message-id>"), as an MTA drops a message whose client left before the 250.
"""
import asyncio
import email
import email.policy
import hashlib
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory, stall):
        self.directory = directory
        self.count = len([n for n in os.listdir(directory) if n.endswith('.eml')])
        self.stall = stall  # bytes, or None
        self.release = None  # the held message's event, set by "accept" on stdin

    def accept_held(self):
        if self.release is not None:
            self.release.set()

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        message_id = str(msg['message-id'] or '')
        if self.stall is not None and self.stall in raw:
            self.stall = None
            self.release = asyncio.Event()
            print('stalled', message_id, flush=True)
            try:
                await self.release.wait()
            except asyncio.CancelledError:
                print('dropped', message_id, flush=True)
                raise
        self.count += 1
        base = os.path.join(self.directory, '%04d' % self.count)
        with open(base + '.eml', 'wb') as f:
            f.write(raw)
        part = msg.get_body(('plain',))
        attachments = []
        for a in msg.iter_attachments():
            data = a.get_payload(decode=True) or b''
            attachments.append({
                'filename': a.get_filename() or '',
                'content_type': a.get_content_type(),
                'size': len(data),
                'sha256': hashlib.sha256(data).hexdigest(),
            })
        info = {
            'mail_from': envelope.mail_from,
            'rcpt_tos': envelope.rcpt_tos,
            'subject': str(msg['subject'] or ''),
            'from': str(msg['from'] or ''),
            'to': str(msg['to'] or ''),
            'message_id': message_id,
            'in_reply_to': str(msg['in-reply-to'] or ''),
            'references': str(msg['references'] or ''),
            'auto_submitted': str(msg['auto-submitted'] or ''),
            'content_type': part.get_content_type() if part else '',
            'charset': part.get_content_charset() if part else '',
            'body': part.get_content() if part else '',
            'attachments': attachments,
            'raw_ascii': all(b < 128 for b in raw),
            'file': os.path.basename(base) + '.eml',
        }
        tmp = base + '.tmp'
        with open(tmp, 'w', encoding='utf-8') as f:
            json.dump(info, f, ensure_ascii=False)
        os.rename(tmp, base + '.json')  # a reader never sees half a file
        print('accepted', message_id, flush=True)
        return '250 Message accepted for delivery'


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    stall = None
    if len(sys.argv) >= 5 and sys.argv[3] == '--stall':
        stall = sys.argv[4].encode()
    sink = Sink(directory, stall)
    controller = Controller(sink, hostname='127.0.0.1', port=port)
    controller.start()
    print('ready', flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())

    def read_commands():
        for line in sys.stdin:
            if line.strip() == 'accept':
                controller.loop.call_soon_threadsafe(sink.accept_held)
    if stall is not None:  # stdin is read only when asked (the demo runs it in the background)
        threading.Thread(target=read_commands, daemon=True).start()
    done.wait()
    controller.stop()


if __name__ == '__main__':
    main()
