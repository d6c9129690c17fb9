"""The command line's own behaviour: every command listed, one-line errors on bad input, JSONL in and out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.duckdb_files import storage_tag
from tests.ports import free_port

REPO = Path(__file__).resolve().parents[2]

runner = CliRunner()


def test_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("demo", "ingest", "report", "extract", "classify", "sources", "upgrade-storage"):
        assert command in result.output


def test_missing_sources_file_is_one_line_saying_what_to_do(tmp_path):
    result = runner.invoke(app, ["ingest", "--sources", str(tmp_path / "none.toml"), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2
    assert "does not exist" in result.output and "[[sources]]" in result.output
    assert not (tmp_path / "w.duckdb").exists()


def test_report_on_a_missing_database_says_how_to_make_one(tmp_path):
    result = runner.invoke(app, ["report", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "hotspots demo" in result.output


def test_classify_reads_jsonl_and_reports_bad_lines_without_stopping():
    lines = [
        json.dumps({"id": "a", "text": "MINNEAPOLIS — Federal prosecutors charged a St. Paul man on Tuesday with "
                    "assaulting an ICE officer during an immigration arrest, the U.S. Attorney's Office for the "
                    "District of Minnesota said.", "published": "2026-10-14"}),
        "{not json",
        json.dumps({"id": "c", "text": 42}),
        json.dumps({"id": "d", "text": "The hockey club beat its rivals on the ice in overtime."}),
    ]
    result = runner.invoke(app, ["classify"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", "line-2", "c", "d"]
    assert "error" in out[1] and "error" in out[2]
    charge = [e for e in out[0]["events"] if e["type"] == "federal_charge"]
    assert charge and charge[0]["district"] == "usao-mn" and charge[0]["state"] == "MN"
    assert out[0]["districts"] == ["usao-mn"]
    assert out[3]["events"] == [] and out[3]["relevant"] is False


def test_extract_prints_clean_text_and_json(tmp_path):
    page = tmp_path / "page.html"
    body = " ".join(["Federal agents arrested four workers at a car wash in Paramount on Thursday."] * 8)
    page.write_text(f"<html lang='en'><head><title>Raid</title></head><body><nav>Home | Sports</nav>"
                    f"<article><h1>Raid</h1><p>{body}</p></article></body></html>", encoding="utf-8")
    text = runner.invoke(app, ["extract", str(page)])
    assert text.exit_code == 0 and "car wash in Paramount" in text.output and "Home | Sports" not in text.output
    as_json = runner.invoke(app, ["extract", str(page), "--json"])
    assert json.loads(as_json.output)["language"] == "en"


def test_extract_of_a_missing_file_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.html")])
    assert result.exit_code == 2 and "neither a file nor an http(s) URL" in result.output


def test_sources_check_against_the_demo_site_prints_health():
    result = runner.invoke(app, ["sources", "check", "--demo", "--db", "/nonexistent/none.duckdb"])
    assert result.exit_code == 0, result.output
    for name in ("demo-rss", "demo-atom", "demo-sitemap"):
        assert name in result.output
    assert "200" in result.output


def test_extract_fetches_a_url_through_the_production_fetcher():
    from demo.server import serve_site

    with serve_site(slow_seconds=0) as base:
        path = "/morning-ledger/2026/09/broadview-protester-charged-impeding-federal-agents.html"
        refused = runner.invoke(app, ["extract", base + path])
        fetched = runner.invoke(app, ["extract", base + path, "--allow-private"])
        missing = runner.invoke(app, ["extract", base + "/no/such/page.html", "--allow-private"])
    assert refused.exit_code == 1 and "private address" in refused.output
    assert fetched.exit_code == 0 and "Broadview" in fetched.output and "Read Entire Article" not in fetched.output
    assert missing.exit_code == 1 and "404" in missing.output


def test_upgrade_storage_converts_once_then_has_nothing_to_do(old_format_db):
    first = runner.invoke(app, ["upgrade-storage", "--db", str(old_format_db)])
    assert first.exit_code == 0, first.output
    assert "from the v2.0.0 to the v1.5.0 storage format" in first.output
    assert f"kept as {old_format_db}.v2.0.0.bak: delete it" in first.output
    assert storage_tag(old_format_db) == "v1.5.0+"
    second = runner.invoke(app, ["upgrade-storage", "--db", str(old_format_db)])
    assert second.exit_code == 0 and "nothing to do" in second.output


def test_upgrade_storage_refuses_a_missing_warehouse_without_creating_one(tmp_path):
    result = runner.invoke(app, ["upgrade-storage", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no warehouse at" in result.output
    assert not list(tmp_path.iterdir())


def test_upgrade_storage_with_a_backup_in_the_way_is_one_line_and_leaves_the_warehouse(old_format_db):
    old_format_db.with_name("older.duckdb.v2.0.0.bak").write_bytes(b"kept by the operator")
    result = runner.invoke(app, ["upgrade-storage", "--db", str(old_format_db)])
    assert result.exit_code == 1 and "already exists: move it away" in result.output
    assert "Traceback" not in result.output and storage_tag(old_format_db) == "v2.0.0+"


@pytest.mark.parametrize("content, says", [
    (b"\xff\xfe[[sources]]", "is not UTF-8 text"),
    (b'[[sources]]\nname = "a"\nkind = "nope"\nurl = "https://news.example.com/rss"\n', "has kind 'nope'"),
    (b"[[sources]\n", "is not valid TOML"),
])
@pytest.mark.parametrize("command", [["ingest"], ["backfill", "--since", "2026-11-01", "--until", "2026-11-02"]])
def test_a_bad_sources_file_is_one_line_before_any_run_starts(tmp_path, command, content, says):
    (tmp_path / "bad.toml").write_bytes(content)
    result = runner.invoke(app, [*command, "--sources", str(tmp_path / "bad.toml"), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2 and says in result.output
    assert result.output.count("\n") == 1 and not (tmp_path / "w.duckdb").exists()


def test_a_warehouse_path_that_cannot_be_written_is_one_line_before_any_run_starts(tmp_path):
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "afile" / "w.duckdb")])
    assert result.exit_code == 2 and f"{tmp_path / 'afile'} is not a folder" in result.output
    assert "demo site at" not in result.output  # refused before the site was even served


def test_html_report_of_a_warehouse_without_news_is_one_line(tmp_path):
    from warehouse import store

    with store.open_warehouse(tmp_path / "w.duckdb"):
        pass
    result = runner.invoke(app, ["report", "--db", str(tmp_path / "w.duckdb"), "--html", str(tmp_path / "r.html")])
    assert result.exit_code == 1 and "no news yet" in result.output and not (tmp_path / "r.html").exists()
    assert "Busiest districts (no located incident yet)" in result.output


def test_a_failed_run_ends_in_its_one_line_error_without_leak_reports(tmp_path):
    """In a process of its own, as an operator runs it: at exit, DuckDB's bindings reported every connection a
    failed run's frames still held, some 40 lines, until the CLI cleared them."""
    (tmp_path / "down.toml").write_text(
        f'[[sources]]\nname = "down"\nkind = "feed"\nurl = "http://127.0.0.1:{free_port()}/rss.xml"\n'
        "allow_private = true\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "flows.cli", "ingest", "--sources", str(tmp_path / "down.toml"),
         "--db", str(tmp_path / "w.duckdb")], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    assert result.stderr.rstrip().endswith("error: all 1 sources failed discovery: see `hotspots sources list`")
    assert "leaked" not in result.stderr


def test_reading_a_warehouse_while_a_run_writes_it_is_one_line_naming_the_snapshot(tmp_path):
    from warehouse import store

    db = tmp_path / "w.duckdb"
    with store.open_warehouse(db):
        pass
    writer = subprocess.Popen([sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
                               "print('open', flush=True); sys.stdin.readline()", str(db)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        for command in (["report"], ["export", "--parquet", str(tmp_path / "pq")], ["sources", "list"]):
            result = runner.invoke(app, [*command, "--db", str(db)])
            assert result.exit_code == 1 and "w.snapshot.duckdb" in result.output, (command, result.output)
            assert result.output.count("\n") == 1, result.output
    finally:
        writer.communicate("\n", timeout=30)


def test_a_warehouse_path_that_is_a_folder_is_refused_in_one_line(tmp_path):
    (tmp_path / "w.duckdb").mkdir()
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2 and "is a folder, not a DuckDB file" in result.output
    assert not (tmp_path / "w.duckdb.lock").exists()


def test_extract_of_a_private_address_says_how_to_allow_it():
    result = runner.invoke(app, ["extract", f"http://127.0.0.1:{free_port()}/page.html"])
    assert result.exit_code == 1 and "(private address): pass --allow-private to fetch it" in result.output
