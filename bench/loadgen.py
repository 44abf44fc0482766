"""A bounded HTTP load generator for loopback servers: keep-alive connections in threads,
spread over a few processes so the client is not held by one GIL.

Every run is bounded twice: by the requests handed to it and by a wall-clock limit.
"""

from __future__ import annotations

import http.client
import multiprocessing
import statistics
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Request:
    """One HTTP request: method, path, headers and body."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    ok: tuple[int, ...] = (200,)


@dataclass
class Result:
    """What one load run measured."""

    count: int = 0
    errors: int = 0
    elapsed: float = 0.0
    latencies: list[float] = field(default_factory=list)
    first_error: str = ""
    client_cpu: float = 0.0  # seconds of CPU the client processes used
    server_cpu: float = 0.0  # seconds of CPU the server's processes used, when measured

    @property
    def rps(self) -> float:
        return self.count / self.elapsed if self.elapsed else 0.0

    def percentile(self, q: float) -> float:
        """Latency percentile q (0..100) in milliseconds."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def _run_connection(port: int, requests: list[Request], deadline: float, out: dict) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    latencies, errors, first_error = [], 0, ""
    for request in requests:
        if time.monotonic() > deadline:
            break
        start = time.perf_counter()
        try:
            conn.request(request.method, request.path, request.body, dict(request.headers))
            response = conn.getresponse()
            response.read()
            if response.status not in request.ok:
                errors += 1
                first_error = first_error or f"{request.method} {request.path}: {response.status}"
            if response.will_close:
                conn.close()
        except (OSError, http.client.HTTPException) as error:
            errors += 1
            first_error = first_error or f"{request.method} {request.path}: {error!r}"
            conn.close()
        latencies.append(time.perf_counter() - start)
    conn.close()
    out.update(latencies=latencies, errors=errors, first_error=first_error)


def _run_process(port: int, per_connection: list[list[Request]], limit: float) -> dict:
    deadline = time.monotonic() + limit
    outs = [{} for _ in per_connection]
    threads = [
        threading.Thread(target=_run_connection, args=(port, requests, deadline, out))
        for requests, out in zip(per_connection, outs, strict=True)
    ]
    start, cpu = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    end = time.perf_counter()
    return {
        "start": start,
        "end": end,
        "cpu": time.process_time() - cpu,
        "latencies": [x for out in outs for x in out.get("latencies", [])],
        "errors": sum(out.get("errors", 0) for out in outs),
        "first_error": next((o["first_error"] for o in outs if o.get("first_error")), ""),
    }


class LoadGenerator:
    """Runs request lists against a port with `processes` x `connections` keep-alive clients."""

    def __init__(self, processes: int = 2, connections: int = 8):
        self.processes = processes
        self.connections = connections
        self.pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"))

    @property
    def concurrency(self) -> int:
        return self.processes * self.connections

    def run(self, port: int, per_connection: list[list[Request]], limit: float) -> Result:
        """Send each list over its own connection, in order; stop after limit seconds."""
        assert len(per_connection) == self.concurrency
        chunks = [
            per_connection[p * self.connections : (p + 1) * self.connections]
            for p in range(self.processes)
        ]
        futures = [self.pool.submit(_run_process, port, chunk, limit) for chunk in chunks]
        parts = [future.result() for future in futures]
        result = Result(
            count=sum(len(p["latencies"]) for p in parts),
            errors=sum(p["errors"] for p in parts),
            elapsed=max(p["end"] for p in parts) - min(p["start"] for p in parts),
            first_error=next((p["first_error"] for p in parts if p["first_error"]), ""),
            client_cpu=sum(p["cpu"] for p in parts),
        )
        result.latencies = [x for p in parts for x in p["latencies"]]
        return result

    def repeat(self, port: int, request: Request, count: int, limit: float) -> Result:
        """The same request count times, spread evenly over the connections."""
        per = max(1, count // self.concurrency)
        return self.run(port, [[request] * per for _ in range(self.concurrency)], limit)

    def close(self) -> None:
        self.pool.shutdown()


def median_of(results: list[Result]) -> dict[str, float]:
    """Medians over rounds of requests/s, p50 and p99 latency (ms), server and client CPU per
    request (ms), plus total errors."""
    return {
        "rps": statistics.median(r.rps for r in results),
        "server_ms": statistics.median(1000 * r.server_cpu / max(r.count, 1) for r in results),
        "client_ms": statistics.median(1000 * r.client_cpu / max(r.count, 1) for r in results),
        "p50": statistics.median(r.percentile(50) for r in results),
        "p99": statistics.median(r.percentile(99) for r in results),
        "errors": sum(r.errors for r in results),
        "requests": sum(r.count for r in results),
    }
