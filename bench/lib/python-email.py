# Peer of thread reading: Python's email package over every message of an mbox
# (mailbox.mbox, email.message_from_bytes with policy=default, body content decoded).
import email
import mailbox
import sys
from email.policy import default

mb = mailbox.mbox(sys.argv[1], create=False)
messages = 0
chars = 0
for key in mb.iterkeys():
    m = email.message_from_bytes(mb.get_bytes(key), policy=default)
    body = m.get_body(preferencelist=('plain', 'html'))
    if body is not None:
        try:
            chars += len(body.get_content())
        except Exception:  # undecodable part: counted, not fatal
            pass
    messages += 1
print(f'{{"messages": {messages}, "chars": {chars}}}')
