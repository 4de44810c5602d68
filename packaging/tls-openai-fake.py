#!/usr/bin/env python3
"""A loopback HTTPS server speaking just enough of the OpenAI chat API (streamed replies) for one Baton run.

Used by packaging/verify-app-image.sh to show that the jlinked runtime of the app image does TLS with an EC
certificate and ECDHE key exchange (jdk.crypto.ec on Java 17). Usage: tls-openai-fake.py CERT KEY PORTFILE
"""
import json
import ssl
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        text = "Answer over TLS " + self.request.version()
        usage = {"prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 17}
        if body.get("stream"):
            chunks = [
                {"id": "c1", "object": "chat.completion.chunk", "model": body.get("model", "m"),
                 "choices": [{"index": 0, "delta": {"role": "assistant", "content": text}, "finish_reason": None}]},
                {"id": "c1", "object": "chat.completion.chunk", "model": body.get("model", "m"),
                 "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}], "usage": usage},
            ]
            payload = "".join("data: " + json.dumps(c) + "\n\n" for c in chunks) + "data: [DONE]\n\n"
            self.reply(payload.encode(), "text/event-stream")
        else:
            reply = {"id": "c1", "object": "chat.completion", "model": body.get("model", "m"),
                     "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                  "finish_reason": "stop"}], "usage": usage}
            self.reply(json.dumps(reply).encode(), "application/json")

    def reply(self, data, content_type):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        sys.stderr.write("tls-fake: " + (fmt % args) + " " + self.request.cipher()[0] + "\n")


def main():
    cert, key, portfile = sys.argv[1:4]
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(portfile, "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
