"""loopback.py: what the loopback test servers share: an HTTP server quiet about clients killed
mid-answer (the tests kill -9 on purpose), and a port written to a file the tests wait for."""
import os
from http.server import ThreadingHTTPServer


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        import sys
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def publish_port(path, port):
    """Writes port to path at once (the file appears whole or not at all)."""
    with open(path + ".tmp", "w") as f:
        f.write(str(port))
    os.replace(path + ".tmp", path)
