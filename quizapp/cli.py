"""The `quizapp` command line (click, like Flask's own CLI)."""

from __future__ import annotations

import contextlib
import functools
import json
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import click

import questions
from quizapp import create_app, storage


class Context:
    """What every command needs: the app (built on demand) with the chosen database."""

    def __init__(self, db_path: str | None):
        self.db_path = db_path
        self._app = None

    @property
    def app(self):
        if self._app is None:
            self._app = create_app()
            if self.db_path:
                self._app.config["DATABASE"] = self.db_path
        return self._app

    def db(self):
        return storage.open_db(self.app.config["DATABASE"])


pass_ctx = click.make_pass_decorator(Context)


@click.group()
@click.version_option(package_name="quizapp")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    help="SQLite database file. Default: $QUIZAPP_DB, else instance/quizapp.db.",
)
@click.pass_context
def cli(ctx: click.Context, db_path: str | None) -> None:
    """quizapp: quizzes, flashcards and Anki decks from the facts of an article."""
    ctx.obj = Context(db_path)


def read_article_file(path: str) -> str:
    """Read an article file, turning any problem into a message for the user."""
    try:
        from quizapp.reading import read_submitted

        return read_submitted(Path(path).read_bytes(), filename=path)
    except OSError as error:
        raise click.ClickException(f"Cannot read {path}: {error.strerror}") from error
    except questions.ArticleError as error:
        raise click.ClickException(f"{path}: {error}") from error


def generate_with_progress(text: str, label: str, **options) -> questions.Article:
    """Run the generators with a progress bar on stderr."""
    with click.progressbar(length=100, label=label, file=sys.stderr) as bar:
        done = [0]

        def progress(step: int, total: int) -> None:
            target = int(100 * step / max(total, 1))
            bar.update(target - done[0])
            done[0] = target

        try:
            return questions.generate(text, progress=progress, **options)
        except questions.ArticleError as error:
            raise click.ClickException(f"{label}: {error}") from error


@cli.command("init")
@pass_ctx
def init_command(ctx: Context) -> None:
    """Create the database and load every article in seeds/: each is generated as a job on the
    queue (with no worker running, one is started until they are done) and stored once."""
    from quizapp import jobs

    db = ctx.db()
    seeds = sorted(Path(ctx.app.config["SEEDS_DIR"]).glob("*.*"))
    existing = {row["source"] for row in storage.list_articles(db)}
    pending = {}
    for path in seeds:
        if path.name in existing:
            click.echo(f"{path.name}: already loaded")
            continue
        pending[queue_seed(ctx, db, path)] = path.name
    if pending:
        queue = jobs.get_queue(ctx.app.config)
        with worker_unless_running(ctx, queue) as worker_stopped:
            wait_for_seeds(ctx, db, pending, worker_stopped)
        failed = 0
        for job_id, name in pending.items():
            job = storage.get_generation_job(db, job_id)
            failed += job["status"] != "done"
            click.echo(job["message"] if job["status"] == "done" else f"{name}: {job['message']}")
        if failed:
            raise click.ClickException(f"{failed} of {len(pending)} seed articles not loaded")
    click.echo(f"Database ready at {ctx.app.config['DATABASE']}")


def queue_seed(ctx: Context, db, path: Path) -> str:
    """Record a generation job for a seed article and put it on the queue; its id."""
    from quizapp import jobs

    try:
        data = path.read_bytes()
    except OSError as error:
        raise click.ClickException(f"Cannot read {path}: {error.strerror}") from error
    job_id = storage.create_generation_job(db, None, path.name)
    options = {"source": path.name, **jobs.time_limits(ctx.app.config)}
    try:
        jobs.enqueue(ctx.app.config, job_id, data, options)
    except Exception as error:  # an unreachable Redis, an unwritable queue file
        where = jobs.shown_location(jobs.queue_location(ctx.app.config))
        raise click.ClickException(f"Cannot reach the queue {where}: {error}") from error
    return job_id


@contextlib.contextmanager
def worker_unless_running(ctx: Context, queue) -> Iterator[Callable[[], str | None]]:
    """A `quizapp worker` for the duration, unless one runs already (on any machine, for a
    shared queue). Yields a function that says why generation cannot go on (the worker
    stopped), else None."""
    from quizapp import jobs

    if jobs.workers_running(queue):
        click.echo("Generating on the running worker(s)", err=True)
        checked = [time.monotonic()]

        def gone() -> str | None:
            if time.monotonic() - checked[0] < jobs.HEARTBEAT_EVERY:
                return None
            checked[0] = time.monotonic()
            if jobs.workers_running(queue):
                return None
            return (
                "No generation worker runs any more: start one (quizapp worker) and run init again."
            )

        yield gone
        return
    with tempfile.TemporaryFile() as log:
        worker = start_worker(ctx.app.config["DATABASE"], output=log)

        def stopped() -> str | None:
            if worker.poll() is None:
                return None
            log.seek(0)
            lines = log.read().decode(errors="replace").strip().splitlines()
            return f"The generation worker stopped: {lines[-1] if lines else 'no message'}"

        try:
            yield stopped
        finally:
            stop_worker(worker)


def wait_for_seeds(
    ctx: Context, db, pending: dict[str, str], worker_stopped: Callable[[], str | None]
) -> None:
    """Show the jobs' progress until each has finished; store each result once (by job id)."""
    from quizapp import jobs

    config = ctx.app.config
    waiting = dict(pending)
    label = f"Generating {len(pending)} seed article{'s' * (len(pending) > 1)}"
    with click.progressbar(length=100 * len(pending), label=label, file=sys.stderr) as bar:
        shown = 0
        while waiting:
            running = 0.0
            for job_id, name in list(waiting.items()):
                outcome, progress = jobs.job_outcome(config, job_id)
                if outcome is None:
                    running += progress or 0.0
                    continue
                store = functools.partial(store_seed, db, outcome, name)
                storage.finish_generation_job(db, job_id, store)
                jobs.forget(config, job_id)
                del waiting[job_id]
            target = int(100 * (len(pending) - len(waiting) + running))
            bar.update(target - shown)
            shown = target
            if waiting and (problem := worker_stopped()) is not None:
                raise click.ClickException(problem)
            time.sleep(0.2 if waiting else 0)


def store_seed(db, outcome: dict, name: str) -> dict:
    """Store a seed's generated article, published; the job's status, message and slug."""
    from quizapp import jobs

    if "error" in outcome:
        return {"status": "failed", "message": outcome["error"]}
    article = jobs.article_from_result(outcome)
    if storage.get_article(db, article.slug) or storage.live_article_titled(db, article.title):
        message = f"an article titled “{article.title}” exists already"
        return {"status": "failed", "message": message}
    storage.save_article(db, article, source=name)
    curated = sum(item.selected for item in article.items)
    return {
        "status": "done",
        "slug": article.slug,
        "name": article.title,
        "message": f"{name}: {article.title!r}, {curated} items ({len(article.items)} in all)",
    }


@cli.command("generate")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the contract's JSON object.")
@click.option(
    "--kinds",
    help=f"Comma-separated kinds to make (default all: {','.join(questions.KINDS)}).",
)
@click.option("--max", "max_items", type=click.IntRange(min=1), help="Keep the best N items.")
@click.option(
    "--all", "all_items", is_flag=True, help="Every item, not only the curated default set."
)
@click.option("--title", help="The article's title (default: its heading, else derived).")
@click.option(
    "--explain", is_flag=True, help="Also say which rule turned down each candidate, and why."
)
def generate_command(
    path: str,
    as_json: bool,
    kinds: str | None,
    max_items: int | None,
    all_items: bool,
    title: str | None,
    explain: bool,
) -> None:
    """Generate quiz items from the article at PATH (text, Markdown or HTML): the items worth
    asking, best first; --all adds every other candidate, marked "selected": false."""
    wanted = None
    if kinds:
        wanted = [k.strip() for k in kinds.split(",") if k.strip()]
        unknown = sorted(set(wanted) - set(questions.KINDS))
        if unknown:
            raise click.ClickException(
                f"Unknown kind {', '.join(unknown)}; choose from {', '.join(questions.KINDS)}"
            )
    article = generate_with_progress(
        read_article_file(path),
        Path(path).name,
        kinds=wanted,
        max_items=max_items,
        all_items=all_items,
        title=title,
        filename=Path(path).name,
        explain=explain,
    )
    if explain:
        print_rejections(article)
        return
    if as_json:
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{article.title} ({article.words} words, {len(article.items)} items)\n")
    for number, item in enumerate(article.items, 1):
        click.echo(f"{number}. [{item.kind}] {item.prompt}")
        for choice in item.choices:
            click.echo(f"     - {choice}")
        click.echo(f"   Answer: {item.answer}\n")


def print_rejections(article: questions.Article) -> None:
    """How often each rule fired, then every rejected candidate with its rule and reason."""
    fired = Counter(r.rule for r in article.rejected)
    curated = sum(item.selected for item in article.items)
    click.echo(
        f"{article.title}: {curated} items chosen, {len(article.rejected)} candidates "
        "turned down by a rule\n"
    )
    for rule, count in fired.most_common():
        click.echo(f"{count:6d}  {rule}")
    click.echo("")
    for r in article.rejected:
        click.echo(f"[{r.rule}] {r.reason}\n    {r.kind}: {r.prompt}  ->  {r.answer}")


@cli.command("create-teacher")
@click.argument("username")
@click.password_option(help="The teacher's password (asked for when not given).")
@pass_ctx
def create_teacher_command(ctx: Context, username: str, password: str) -> None:
    """Create a teacher account USERNAME."""
    from werkzeug.security import generate_password_hash

    from quizapp.forms import password_problem, username_problem

    if problem := username_problem(username):
        raise click.ClickException(f"Username {username!r}: {problem}")
    if problem := password_problem(password):
        raise click.ClickException(f"Password: {problem}")
    db = ctx.db()
    if existing := storage.get_user_by_name(db, username):
        raise click.ClickException(f"The user {existing['username']!r} exists already")
    try:
        storage.create_user(db, username, generate_password_hash(password), role="teacher")
    except storage.UsernameTaken as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Teacher {username!r} created")


@cli.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@pass_ctx
def backup_command(ctx: Context, file: str) -> None:
    """Copy the database to FILE, consistently, even while the app is serving."""
    if Path(file).exists():
        raise click.ClickException(f"{file} exists already; choose a new file name")
    pages = storage.backup_database(ctx.app.config["DATABASE"], file)
    click.echo(f"Backed up {pages} pages to {file}")


@cli.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.confirmation_option(prompt="Replace everything in the database with the backup?")
@pass_ctx
def restore_command(ctx: Context, file: str) -> None:
    """Replace the database's content with the backup FILE made by `quizapp backup`."""
    try:
        storage.restore_database(file, ctx.app.config["DATABASE"])
    except storage.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored {ctx.app.config['DATABASE']} from {file}")


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--production", is_flag=True, help="Serve with gunicorn (worker processes), not Flask's."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="gunicorn worker processes. Default: 2 x CPU cores + 1 (measured: see quizapp/server.py).",
)
@click.option(
    "--threads",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Threads per worker; one is fastest for these CPU-bound pages (see quizapp/server.py).",
)
@click.option(
    "--no-worker",
    is_flag=True,
    help="Do not start a generation worker (`quizapp worker`) alongside; run one elsewhere.",
)
@pass_ctx
def serve_command(
    ctx: Context,
    host: str,
    port: int,
    production: bool,
    workers: int | None,
    threads: int,
    no_worker: bool,
) -> None:
    """Serve the web app on http://HOST:PORT, with a generation worker alongside."""
    app = ctx.app
    path = app.config["DATABASE"]
    try:
        storage.open_db(path).close()  # migrate before the first request
        storage.check_writable(path)
    except storage.ReadOnlyDatabase as error:
        raise click.ClickException(str(error)) from error
    except sqlite3.OperationalError as error:
        raise click.ClickException(f"Cannot open the database {path}: {error}") from error
    worker = None if no_worker else start_worker(path)
    try:
        if production:
            from quizapp.server import default_workers, serve_production

            workers = workers or default_workers()
            click.echo(f"Serving on http://{host}:{port} (gunicorn, {workers} workers)", err=True)
            serve_production(app, host=host, port=port, workers=workers, threads=threads)
        else:
            app.run(host=host, port=port)
    finally:
        if worker is not None:
            stop_worker(worker)


def start_worker(db_path: str, output=None) -> subprocess.Popen:
    """Start `quizapp worker` on this database in a child process that dies with this one;
    its output goes to output (a file), else to this process's."""
    from quizapp.jobs import die_with_parent

    command = [sys.executable, "-m", "quizapp.cli", "--db", db_path, "worker"]
    return subprocess.Popen(  # noqa: PLW1509
        command, preexec_fn=die_with_parent, stdout=output, stderr=output
    )


def stop_worker(worker: subprocess.Popen) -> None:
    """Stop a worker started by start_worker (a job it was running is run again by the next
    worker to start: quizapp.jobs.recover_crashed)."""
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(10)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


@cli.command("worker")
@click.option(
    "--concurrency",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Jobs taken at once (threads of this process, which share one core while generating; "
    "for more cores start more workers).",
)
@pass_ctx
def worker_command(ctx: Context, concurrency: int) -> None:
    """Run a generation worker: read and generate the articles teachers add, regenerate or
    `init` loads. Any number of workers may share the queue: the SQLite file beside the
    database, or $QUIZAPP_QUEUE (redis://host:port/db) for workers on other machines."""
    import logging
    import threading

    from quizapp import jobs

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    location = jobs.shown_location(jobs.queue_location(ctx.app.config))
    queue = jobs.get_queue(ctx.app.config)
    try:
        recovered = jobs.recover_crashed(queue)
    except Exception as error:  # an unreachable Redis, an unreadable queue file
        raise click.ClickException(f"Cannot reach the queue {location}: {error}") from error
    for job_id in recovered:
        click.echo(f"Job {job_id}: its worker died; queued again", err=True)
    consumer = queue.create_consumer(
        workers=concurrency, worker_type="thread", periodic=False, max_delay=1.0
    )
    stop = threading.Event()
    beating = threading.Thread(target=jobs.heartbeat, args=(queue, stop), daemon=True)
    beating.start()
    click.echo(f"Generation worker on {location} ({concurrency} at once)", err=True)
    try:
        consumer.run()
    finally:
        stop.set()
        beating.join(5)


# Exports (issue 5: Anki decks, Moodle XML, GIFT, CSV, JSON) -----------------------------


def export_articles(ctx: Context, names: tuple[str, ...]) -> list:
    """ARTICLE arguments as export articles: a file is generated on the fly, else a slug is
    looked up in the database; no names means every article in the database."""
    from datetime import UTC, datetime

    from quizapp import export

    if not names:
        articles = export.load_all_articles(ctx.db())
        if not articles:
            raise click.ClickException("The database holds no articles; load some (quizapp init)")
        return articles
    db = None
    articles = []
    for name in names:
        path = Path(name)
        if path.is_file():
            article = generate_with_progress(read_article_file(name), path.name)
            # The file's mtime as every item's `updated`: the same file exports the same notes.
            changed = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            articles.append(export.article_from_generated(article, changed))
            continue
        db = db or ctx.db()
        try:
            articles.append(export.load_article(db, name))
        except export.UnknownArticleError:
            raise click.ClickException(f"No article file or slug {name!r}") from None
    return articles


def write_output(output: str, data: bytes, articles: list) -> None:
    """Write data to output ("-" is stdout) and report what was written on stderr."""
    try:
        with click.open_file(output, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise click.ClickException(f"Cannot write {output}: {error.strerror}") from error
    count = sum(len(article.items) for article in articles)
    click.echo(f"Wrote {count} items from {len(articles)} articles to {output}", err=True)


@cli.command("export-anki")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The .apkg to write."
)
@click.argument("articles", nargs=-1)
@pass_ctx
def export_anki_command(ctx: Context, output: str, articles: tuple[str, ...]) -> None:
    """Write an Anki deck (.apkg) with a subdeck per ARTICLE (a file or a slug; default all)."""
    import io

    from quizapp import export

    chosen = export_articles(ctx, articles)
    buffer = io.BytesIO()
    export.write_apkg(chosen, buffer)
    write_output(output, buffer.getvalue(), chosen)


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["gift", "moodle-xml", "csv", "json"]),
    help="gift or moodle-xml for an LMS, csv for a spreadsheet, json for the generator contract.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="File to write; - for stdout.",
)
@click.option(
    "--timeline",
    type=click.Choice(["ordering", "matching"]),
    default="ordering",
    show_default=True,
    help="moodle-xml: timelines as ordering questions (Moodle 4.4+) or as matching (4.1-4.3).",
)
@click.argument("articles", nargs=-1)
@pass_ctx
def export_command(
    ctx: Context, fmt: str, output: str, timeline: str, articles: tuple[str, ...]
) -> None:
    """Export the items of ARTICLE... (files or slugs; default all) for an LMS or a spreadsheet."""
    from quizapp import export

    chosen = export_articles(ctx, articles)
    options = {"timeline": timeline} if fmt == "moodle-xml" else {}
    text = export.TEXT_FORMATS[fmt].render(chosen, **options)
    write_output(output, text.encode("utf-8"), chosen)


if __name__ == "__main__":  # `python -m quizapp.cli`: how `serve` starts its worker
    cli()
