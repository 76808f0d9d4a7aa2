"""A TCP proxy that delays every byte: a learner far from the server, simulated.

    browser ──► 127.0.0.1:proxy ──(+delay)──► 127.0.0.1:server
    browser ◄──(+delay)── 127.0.0.1:proxy ◄── 127.0.0.1:server

Each chunk is forwarded ``one_way_ms`` after it arrived, in order, in both directions,
so every round trip (an HTTP request, a widget message and its answer over the
websocket) takes 2 × one_way_ms longer: 50 ms each way is a 100 ms round trip, as for a
learner on Binder or a school's hub far away. It runs in a thread of its own.
"""

import asyncio
import threading


class DelayingProxy:
    """Forward 127.0.0.1:``port`` to 127.0.0.1:``target_port``, ``one_way_ms`` late."""

    def __init__(self, target_port, one_way_ms):
        self.target_port = target_port
        self.delay = one_way_ms / 1000
        self.loop = asyncio.new_event_loop()
        started = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(started,), daemon=True)
        self.thread.start()
        started.wait()

    def _run(self, started):
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(
            asyncio.start_server(self._connect, "127.0.0.1", 0)
        )
        self.port = self.server.sockets[0].getsockname()[1]
        started.set()
        self.loop.run_forever()

    async def _connect(self, client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(
                "127.0.0.1", self.target_port
            )
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(
            self._pump(client_reader, server_writer),
            self._pump(server_reader, client_writer),
            return_exceptions=True,
        )

    async def _pump(self, reader, writer):
        """Copy reader to writer, each chunk ``delay`` seconds after it arrived."""
        queue = asyncio.Queue()

        async def deliver():
            while True:
                due, chunk = await queue.get()
                await asyncio.sleep(max(0.0, due - self.loop.time()))
                if chunk is None:
                    writer.close()
                    return
                writer.write(chunk)
                await writer.drain()

        delivering = asyncio.create_task(deliver())
        try:
            while chunk := await reader.read(65536):
                queue.put_nowait((self.loop.time() + self.delay, chunk))
        finally:
            queue.put_nowait((self.loop.time() + self.delay, None))
            await delivering

    def stop(self):
        self.loop.call_soon_threadsafe(self.server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)
