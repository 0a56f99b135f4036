#!/usr/bin/env python3
"""Differential check for the pip reader: NEW deptag binary vs the binary $DEPTAG_BASE.

Compares stdout, stderr and exit code of `normalize F` and `digest F` (plus the `--type pip`
forms for corpus files) over the pip corpus, the bench inputs and generated files.

usage: pipcheck.py NEW_BINARY [--count N] [--big N] [--seed S] [--jobs J]
"""
import argparse, os, random, shutil, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

BASE = os.environ.get("DEPTAG_BASE") or sys.exit("set DEPTAG_BASE to the deptag binary to compare against (a release build of the previous commit)")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.environ.get("DEPTAG_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
INPUTS = os.environ.get("DEPTAG_BENCH_INPUTS", "")  # folder written by bench_inputs.py, optional
OUT = "/tmp/pipcheck"

NAMES = ["pkg", "Foo_Bar", "foo.bar", "foo-bar", "a", "A1", "x_", "zope.interface", "Django", "requests",
         "numpy", "b" * 20, "my--pkg", "z9", "pkg", "requests", "Requests", "foo_", "ok", "Pkg", "PKG"]
BAD_NAMES = ["péché", "_x", "-a", "a b"]
EXTRAS = ["", "", "", "[a]", "[B,a]", "[ x , y ]", "[]", "[a,a]", "[a-_b]", "[sec_,Sec_]",
          "[security]", "[Other,extra]"]
BAD_EXTRAS = ["[a b]", "[a,]", "[", "[é]", "[sec_,Sec-]"]
OPS = ["==", "!=", "<=", ">=", "<", ">", "~=", "===", "== ", ">= "]
VERSIONS = ["1", "1.0", "1.0.0", "01.2", "1.0-post1", "1.0.post1", "1.0a1", "1.0alpha2", "1.0.dev3",
            "1.0+local.01", "1.*", "1.0.*", "v1.0", "1!2.0", "1.0rc", "2.0-1", "1.0_pre.3",
            "1.0.0.0", "0", "2.0b", "1.0r", "1.0-rev2", "1.0.DEV", "3.0c1", "1.0preview1", "10.20.30",
            "1.0+Ubuntu-1", "0!0.0", "1.2.3.*", "1.0.post", "007.010", "1.0.0a0.post0.dev0"]
BAD_VERSIONS = ["foo", "1.0.*+x", "1..0", "", "1.0+", "1.0.*.1"]
BAD = [0.0]


def pick(rng, good, bad):
    if bad and rng.random() < BAD[0]:
        return rng.choice(bad)
    return rng.choice(good)
MARKERS = ["python_version >= '3.9'", 'os.name == "nt"', 'extra == "Foo_Bar"',
           "(python_version < '3' and (os_name == 'nt' or sys_platform == \"linux\"))",
           'python_implementation == "CPython"', "platform.machine in 'x86_64 aarch64'", '"a" in extras',
           "((python_version>'3'))", "sys_platform  !=  'win32' or extra=='t-e'",
           "python_full_version ~= '3.8.1'", '"x\'y" == os_name', "platform_release not in '5.0'",
           "platform_release not  in '5.0'", "python_version == \"3.*\"",
           "dependency_groups == 'x'", "'Group_A' in dependency_groups", "implementation_name=='pypy'"]
BAD_MARKERS = ["python_version >", "foo == 1", "(", "os_name == 'a' and", "os_name == 'a' xor b", "'a' == 'b"]
URLS = ["name @ https://x.example/y-1.0-py3-none-any.whl", "Name_ @ git+https://github.com/x/y@v1#egg=name",
        "https://example.com/pkg-1.0.tar.gz", "git+https://g.example/x#egg=foo",
        "file:///tmp/x-1.0-py3-none-any.whl", "./local/pkg", "../x.zip", "./dist/foo-1.0-py3-none-any.whl",
        "pkg @ file:///tmp/p", "foo[bar] @ https://h/p.zip ; python_version > '3'", "https://h/p.zip; os_name=='nt'",
        "https://h/p.zip ; os_name=='nt'", "x @https://h/#frag", "svn+https://s/x#egg=Sv_n", "hg+http://h/x#egg=a&subdirectory=b",
        "ftp://h/p.tar.bz2", "./pkg[extra,Other]", "pkg/sub", ".", "dist/a.tgz[x]", "${PKG_URL}",
        "foo${VAR}", "${VERSION}bar>=1", "zzz.tar.gz",
        "requests @ https://h/requests-2.0.tar.gz", "git+ssh://git@g.example/x.git@main#egg=pkg-a"]
BAD_URLS = ["foo @ ", "C:/x/y.whl", "x @ #frag", "-e https://x/y.zip", "file:///tmp/x.whl", "http://h/x#egg=a.b[c]", "foo.whl", "./dist/bad.whl", "git+https://g.example/x", "x y z"]
OPTION_LINES = ["--index-url https://a.example/simple", "-i https://b.example/", "--extra-index-url https://c.example",
                "--no-index", "--find-links ./wheels", "-f https://f.example/x", "--pre", "--prefer-binary",
                "--require-hashes", "--no-binary :all:", "--only-binary foo,bar", "--trusted-host host:8080",
                "--trusted-host h.example", "--use-feature fast-deps",
                "--all-releases :all:", "--only-final foo", "--in https://x", "--index https://x",
                "--hash=sha256:AB", "-e ./pkg[extra]", "-e git+https://x.example/y#egg=z",
                "-e .", "--editable=git+https://x/y#egg=Z_z", "--no-require-hashes",
                "--pypi-url https://p", "--no-index --pre",
                "--extra-index-url 'https://q uote'", "-e git:x/y#egg=q",
                "-e hg+https://x#egg=h", "-e foo @ https://x/f.whl", "-e ./x[Foo_Bar, a]",
                "--only-binary=:none:", "-- -e .",
                "--find-links=x y", "--no-binary=:none:", "--only-binary :all: --no-binary foo"]
BAD_OPTION_LINES = ["--use-feature bad", "--global-option x", "--no-binary", "-e git+https://x/y", "-e", "-e ''",
                    "-Z", "--install-option=1", "--default-timeout 3", "--trusted-host 'bad host'", "--constraint",
                    "-c", "--no-binary=-x", "--prefer-binary=x", "--trusted-host=x:1:2", "--hash=sha256:AB",
                    "--extra 'x", "-e ./x --hash=sha256:a"]
REQ_OPTIONS = [""] * 30 + [" --hash=sha256:ABC", " --hash sha256:abc --hash=sha512:DEF",
               " --config-settings k=v", " -C a=b -C a=c -C B=x",
               " --config-settings 'k=v w'", " --no-binary foo",
               " --only-final :all:", " --pre", " --hash=sha256:abc --hash=sha256:ABC"]
BAD_REQ_OPTIONS = [" --hash=md5:x", " --hash", " --config-settings 'x", " -C", " --hash=SHA256:x", " -r x.txt",
                   " --install-option=a", " --config-settings=novalue", " \"--hash=sha384:Q\"", " --hash=sha256:ab \\"]
COMMENTS = ["# comment", "#", "   # indented", "# ünïcödé", "#-r nothing.txt", "## x \\"]


def rand_version(rng):
    return pick(rng, VERSIONS, BAD_VERSIONS)


def rand_clause(rng):
    op = rng.choice(OPS)
    for _ in range(50):
        v = rand_version(rng)
        if BAD[0] > 0 or op.startswith("===") or op.strip() in ("==", "!="):
            break
        if "*" in v or "+" in v:
            continue
        if op == "~=" and (v in ("1", "0") or "!" in v and v.split("!")[1].count(".") == 0):
            continue
        break
    return op + v


def rand_spec(rng):
    n = rng.choice([0, 1, 1, 1, 2, 2, 3])
    clauses = [rand_clause(rng) for _ in range(n)]
    if BAD[0] == 0 and any(c.startswith("===") for c in clauses):
        clauses = [c for c in clauses if c.startswith("===")][:1]
    sep = rng.choice([",", ", ", " ,", ","])
    text = sep.join(clauses)
    if rng.random() < 0.05 and n:
        text += ","
    if rng.random() < 0.08:
        text = "(" + text + ")"
    if rng.random() < 0.1 and text:
        text = " " + text
    return text


def rand_requirement(rng):
    r = rng.random()
    if r < 0.12:
        line = pick(rng, URLS, BAD_URLS)
    else:
        name = pick(rng, NAMES, BAD_NAMES)
        if rng.random() < BAD[0]:
            name = name + "-"
        line = name + pick(rng, EXTRAS, BAD_EXTRAS) + rand_spec(rng)
    if rng.random() < 0.3 and ";" not in line and "${" not in line:
        sep = " ; " if "://" in line else rng.choice([";", " ;", "; ", " ; ", ";  "])
        line += sep + pick(rng, MARKERS, BAD_MARKERS)
    line += pick(rng, REQ_OPTIONS, BAD_REQ_OPTIONS)
    if rng.random() < 0.03:
        line = rng.choice(["\t", "  ", "\u3000", "\u00a0"]) + line
    if rng.random() < 0.03:
        line = line + rng.choice(["\t", "  ", "\u00a0", " \u2003"])
    return line


def rand_line(rng, includes):
    r = rng.random()
    if r < 0.07:
        return rng.choice(COMMENTS)
    if r < 0.11:
        return ""
    if r < 0.16:
        return pick(rng, OPTION_LINES, BAD_OPTION_LINES)
    if r < 0.18 and includes:
        return rng.choice(includes)
    line = rand_requirement(rng)
    if rng.random() < 0.1:
        line += rng.choice(["  # pinned", " #x", "\t# tab", "  # é"])
    if rng.random() < 0.04:
        # a continuation somewhere in the line
        if BAD[0] > 0:
            cuts = [k for k in range(len(line) + 1) if k == len(line) or line[k] in " ,;"]
            ins = rng.choice(["", " ", "  # c\n", "\\"])
        else:
            cuts = [k for k in range(len(line)) if line[k] in " ," and "/" not in line] or [0]
            ins = rng.choice(["", " "])
        cut = rng.choice(cuts)
        line = line[:cut] + "\\\n" + ins + line[cut:]
    return line


def invalid_line(rng):
    return rng.choice(["foo bar", "==1.0", "foo ==", "foo[", "foo (>=1", "-x", "--bogus", "foo; python_version >",
                       "foo>=1.0.*", "foo<=1.0+l", "~=1", "foo~=1", "Ω", "foo===", "foo==1.0 bar", "foo @",
                       "-r", "--hash=bad", "foo \"", "pkg --config-settings", "-e ./x --hash=sha256:a"])


def gen_text(rng, n, includes, bad_prob):
    lines = [rand_line(rng, includes) for _ in range(n)]
    if rng.random() < bad_prob and lines:
        # every line may now hold an invalid token
        BAD[0] = 0.05 if n < 100 else 0.0003
        lines = [rand_line(rng, includes) for _ in range(n)]
        BAD[0] = 0.0
    if rng.random() < bad_prob and lines:
        k = rng.randrange(1 if rng.random() < 0.5 else 2)
        for _ in range(k + 1):
            lines[rng.randrange(len(lines))] = invalid_line(rng)
    if rng.random() < 0.3:
        # sorted / duplicated runs
        extra = [lines[rng.randrange(len(lines))] for _ in range(max(1, n // 10))] if lines else []
        lines += extra
        if rng.random() < 0.5:
            rng.shuffle(lines)
    nl = rng.choice(["\n"] * 8 + ["\r\n", "\r"])
    text = nl.join(lines)
    if rng.random() < 0.8:
        text += nl
    if rng.random() < 0.02:
        text = text.replace("\n", "\u2028", 1)
    if rng.random() < 0.03:
        text += "trailing\\"
    return text


def encode(rng, text, allow_weird=True):
    data = text.encode("utf-8")
    if allow_weird:
        r = rng.random()
        if r < 0.03:
            data = b"\xef\xbb\xbf" + data
        elif r < 0.04:
            data = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")
        elif r < 0.05:
            data = b"# -*- coding: latin-1 -*-\n" + text.encode("utf-8")
        elif r < 0.06 and data:
            k = rng.randrange(len(data) + 1)
            data = data[:k] + b"\x00" + data[k:]
        elif r < 0.07 and data:
            k = rng.randrange(len(data) + 1)
            data = data[:k] + b"\xff" + data[k:]
        elif r < 0.075:
            data = b"\x0c" + data
    return data


def generate(count, big, seed):
    rng = random.Random(seed)
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    cases = []
    for i in range(count + big):
        d = os.path.join(OUT, f"c{i:05d}")
        os.makedirs(d)
        includes = []
        if rng.random() < 0.25:
            # included files (small), sometimes missing, a cycle, or a URL
            for j in range(rng.randint(1, 3)):
                fname = rng.choice([f"inc{j}.txt", f"sub/inc{j}.txt", f"cons{j}.txt"])
                p = os.path.join(d, fname)
                os.makedirs(os.path.dirname(p), exist_ok=True)
                sub_includes = []
                if rng.random() < 0.2:
                    sub_includes.append(rng.choice(["-r ../requirements.txt" if "/" in fname else "-r requirements.txt",
                                                    "-r inc0.txt", "-c cons0.txt", "-r nothere.txt"]))
                with open(p, "wb") as f:
                    f.write(encode(rng, gen_text(rng, rng.randint(0, 12), sub_includes, 0.1), False))
                flag = rng.choice(["-r", "-c", "--requirement", "--constraint", "-c", "-r"])
                includes.append(f"{flag} {fname}")
            if rng.random() < 0.1:
                includes.append(rng.choice(["-r missing.txt", "-r https://x.example/r.txt", "-c file:///x",
                                            "-r requirements.txt", "-r ./sub/../inc0.txt", "-r=inc0.txt"]))
        if i < count:
            n = rng.randint(1, 40)
            text = gen_text(rng, n, includes, 0.35)
        else:
            n = rng.randint(2000, 6000)
            text = gen_text(rng, n, includes, 0.25)
        name = rng.choice(["requirements.txt"] * 6 + ["requirements-dev.in"] + (["constraints.txt"] if i < count else []))
        p = os.path.join(d, name)
        with open(p, "wb") as f:
            f.write(encode(rng, text, True))
        cases.append((p, []))
    return cases


def corpus_cases():
    cases = []
    for root in [os.path.join(CORPUS, "pip"), os.path.join(CORPUS, "real")]:
        for dirpath, _, files in os.walk(root):
            for f in sorted(files):
                p = os.path.join(dirpath, f)
                parent = os.path.basename(dirpath)
                is_pip = ((f.startswith("requirements") and (f.endswith(".txt") or f.endswith(".in")))
                          or (f.startswith("constraints") and f.endswith(".txt"))
                          or (parent == "requirements" and f.endswith(".txt")))
                if is_pip:
                    cases.append((p, []))
                if root.endswith("/pip") and f.endswith((".txt", ".in")):
                    cases.append((p, ["--type", "pip"]))
    return cases


def run(binary, args, cwd):
    p = subprocess.run([binary] + args, capture_output=True, cwd=cwd, timeout=120)
    return p.returncode, p.stdout, p.stderr


def check(new, case):
    path, extra = case
    diffs = []
    for cmd in ["normalize", "digest"]:
        args = [cmd] + extra + [path]
        a = run(BASE, args, os.path.dirname(path))
        b = run(new, args, os.path.dirname(path))
        if a != b:
            diffs.append((args, a, b))
    return diffs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("new")
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--big", type=int, default=300)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-generate", action="store_true")
    a = ap.parse_args()
    cases = corpus_cases()
    cases += [(os.path.join(INPUTS, f), []) for f in sorted(os.listdir(INPUTS)) if f.startswith("requirements-")] if INPUTS else []
    if not a.no_generate:
        cases += generate(a.count, a.big, a.seed)
    else:
        for d in sorted(os.listdir(OUT)):
            for f in os.listdir(os.path.join(OUT, d)):
                if f.startswith(("requirements", "constraints")):
                    cases.append((os.path.join(OUT, d, f), []))
    failures = 0
    outcomes = {"ok": 0, "err": 0}
    with ThreadPoolExecutor(a.jobs) as ex:
        for case, diffs in zip(cases, ex.map(lambda c: check(a.new, c), cases)):
            for args, x, y in diffs:
                failures += 1
                if failures <= 10:
                    print("DIFF", " ".join(args))
                    print("  base:", x[0], x[1][:300], x[2][:300])
                    print("  new: ", y[0], y[1][:300], y[2][:300])
    print(f"{len(cases)} files, {2 * len(cases)} command pairs, {failures} differences")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
