"""A real SMTP server for the host tests (Debian's python3-aiosmtpd): every message it accepts is saved, as received,
to FOLDER/NNNNNN.eml (written to a temporary name, then renamed, so a reader never sees half a message).

    /usr/bin/python3 sink.py --port PORT --folder FOLDER

Prints "LISTENING PORT" once it accepts connections, and stops when its standard input closes (the test process
went away) or on SIGTERM. Recipients listed one a line in FOLDER/refuse.txt are refused at RCPT TO with 450 (mailbox
unavailable, try later), so a test can make a send fail for real and then let it through.
"""

import argparse
import asyncio
import itertools
import os
import signal
import sys

from aiosmtpd.controller import Controller


class SaveToFolder:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count(1)

    def refused(self):
        try:
            with open(os.path.join(self.folder, "refuse.txt"), encoding="utf-8") as listed:
                return {line.strip().lower() for line in listed if line.strip()}
        except FileNotFoundError:
            return set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused():
            return "450 4.2.1 Mailbox unavailable, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = "%06d.eml" % next(self.numbers)
        temporary = os.path.join(self.folder, "." + name + ".tmp")
        with open(temporary, "wb") as message:
            message.write(envelope.original_content or envelope.content)
        os.rename(temporary, os.path.join(self.folder, name))
        return "250 Message accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", required=True)
    arguments = parser.parse_args()
    os.makedirs(arguments.folder, exist_ok=True)

    controller = Controller(SaveToFolder(arguments.folder), hostname="127.0.0.1", port=arguments.port)
    controller.start()
    print("LISTENING %d" % arguments.port, flush=True)

    stopped = asyncio.Event()
    loop = asyncio.new_event_loop()
    loop.add_signal_handler(signal.SIGTERM, stopped.set)
    loop.add_reader(sys.stdin.fileno(), lambda: stopped.set() if not sys.stdin.buffer.read1(4096) else None)
    try:
        loop.run_until_complete(stopped.wait())
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
