#!/usr/bin/env python3
"""Differential check: NEW deptag vs the binary $DEPTAG_BASE on POMs.

usage: pomcheck.py NEW_BINARY [N_VARIANTS] [SEED]
Compares stdout, stderr and exit code of normalize/digest per file, and
diff/decide (text and --json) and snapshot + decide-from-snapshot per pair.
"""
import os, random, shutil, subprocess, sys, tempfile, glob
from concurrent.futures import ThreadPoolExecutor

BASE = os.environ.get("DEPTAG_BASE") or sys.exit("set DEPTAG_BASE to the deptag binary to compare against (a release build of the previous commit)")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.environ.get("DEPTAG_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
INPUTS = os.environ.get("DEPTAG_BENCH_INPUTS", "")  # folder written by bench_inputs.py, optional
NEW = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 1

# ---------------------------------------------------------------- generator
def gen(rng):
    R = rng.random
    def ch(*xs): return rng.choice(xs)
    ws = lambda: ch("", " ", "\n    ", "\t", "\r\n  ", "  ")
    props = ["a", "b", "c", "v", "ver", "g", "x.y", "revision", "lib.version", "java.version",
             "project.build.sourceEncoding", "maven.compiler.source", "é", "p-1"]
    def value(base):
        r = R()
        if r < 0.25: return "${" + ch(*props) + "}"
        if r < 0.32: return ch("${project.version}", "${project.groupId}", "${pom.version}", "${version}",
                              "${project.parent.version}", "${parent.version}", "${project.artifactId}", "${env.HOME}",
                              "${unclosed", "$${a}", "${a}-${b}", "x${", "${}")
        if r < 0.36: return ch("a&amp;b", "&lt;x&gt;", "&#65;&#x42;", "1&quot;2&apos;", "<![CDATA[c<d]]>", "&#x10000;")
        if r < 0.40: return ch(" " + base + " ", "\n" + base + "\n  ", base + "<!-- c -->", "<!--c-->" + base, "\r\n" + base)
        if r < 0.42 and R() < 0.5: return ch("é" + base, "a\u0301", "x&#769;", "\u00a0" + base, "&amp;&#x301;", "&lt;&#x301;")
        if r < 0.425: return ""
        return base
    def leaf(name, v):
        if R() < 0.005: return f"<{name}/>"
        return f"<{name}>{v}</{name}>"
    def dep(i, extra_fields=True):
        f = []
        if R() > 0.003: f.append(leaf("groupId", value(f"org.g{i%5}")))
        if R() > 0.003: f.append(leaf("artifactId", value(f"art{i%7}")))
        if R() < 0.8: f.append(leaf("version", value(f"{i%4}.0")))
        if extra_fields:
            if R() < 0.15: f.append(leaf("type", value(ch("jar", "pom", "test-jar", "war", ""))))
            if R() < 0.15: f.append(leaf("classifier", value(ch("tests", "sources", "", "linux"))))
            if R() < 0.2: f.append(leaf("scope", value(ch("compile", "test", "provided", "import", "runtime", "system"))))
            if R() < 0.1: f.append(leaf("optional", ch("true", "false", "TRUE", " true ")))
            if R() < 0.05: f.append(leaf("systemPath", value("/lib/x.jar")))
            if R() < 0.2:
                ex = "".join("<exclusion>" + (leaf("groupId", value(ch("x", "y", "*", "a.b"))) if R() < 0.9 else "")
                             + (leaf("artifactId", value(ch("p", "q", "*"))) if R() < 0.9 else "") + "</exclusion>" + ws()
                             for _ in range(rng.randint(0, 4)))
                f.append(f"<exclusions>{ex}</exclusions>")
            if R() < 0.002: f.append("<bogus>1</bogus>")
            if R() < 0.002 and f: f.append(f[0])
        rng.shuffle(f) if R() < 0.2 else None
        attrs = ch("", "", "", ' a="1"', " x:y='2'")
        return f"<dependency{attrs}>" + ws().join(f) + "</dependency>"
    def deps(n, tag="dependencies"):
        items = [dep(rng.randint(0, 12)) for _ in range(n)]
        if R() < 0.1 and items: items.append(items[0])
        return f"<{tag}>" + ws() + ws().join(items) + ws() + f"</{tag}>"
    def plugin(i, el="plugin"):
        f = []
        if R() < 0.7: f.append(leaf("groupId", value(ch("org.apache.maven.plugins", "org.x", ""))))
        if R() > 0.03: f.append(leaf("artifactId", value(f"plug{i%5}")))
        if R() < 0.7: f.append(leaf("version", value(f"{i}.1")))
        if el == "report":
            el = "plugin"
            if R() < 0.2: f.append("<inherited>true</inherited>")
            if R() < 0.2: f.append("<reportSets><reportSet/></reportSets>")
        elif el == "plugin":
            if R() < 0.2: f.append(leaf("extensions", ch("true", "false", "True")))
            if R() < 0.3: f.append("<configuration><any><thing a='1'>x</thing></any></configuration>")
            if R() < 0.2: f.append("<executions><execution><id>x</id><goals><goal>g</goal></goals></execution></executions>")
            if R() < 0.3: f.append(deps(rng.randint(0, 3)))
            if R() < 0.05: f.append("<inherited>false</inherited>")
        return f"<{el}>" + ws().join(f) + f"</{el}>"
    def repo(tag):
        f = []
        if R() < 0.9: f.append(leaf("id", value(ch("central", "r1", "r2"))))
        if R() < 0.3: f.append(leaf("name", "N"))
        if R() < 0.9: f.append(leaf("url", value("https://repo.example/${a}")))
        if R() < 0.3: f.append(leaf("layout", ch("default", "legacy", "")))
        for pol in ("releases", "snapshots"):
            if R() < 0.3:
                p = []
                if R() < 0.6: p.append(leaf("enabled", ch("true", "false", "TRUE", "no")))
                if R() < 0.4: p.append(leaf("updatePolicy", ch("daily", "always")))
                if R() < 0.4: p.append(leaf("checksumPolicy", ch("warn", "fail")))
                f.append(f"<{pol}>" + "".join(p) + f"</{pol}>")
        return f"<{tag}>" + ws().join(f) + f"</{tag}>"
    def section(profile):
        parts = []
        if R() < 0.2:
            parts.append("<modules>" + "".join(leaf("module", ch("a", "./b", "c/pom.xml", "d/", "pom.xml", "${a}", "a"))
                                               for _ in range(rng.randint(0, 3))) + "</modules>")
        if R() < 0.6:
            items = []
            for _ in range(rng.randint(0, 6)):
                n = ch(*props)
                v = value(ch("1.0", "2", "x"))
                if R() < 0.15: v = "${" + ch(*props) + "}"
                items.append(f"<{n}>{v}</{n}>")
            parts.append("<properties>" + ws() + ws().join(items) + "</properties>")
        if R() < 0.3:
            parts.append("<dependencyManagement>" + deps(rng.randint(0, 5)) + "</dependencyManagement>")
        if R() < 0.8: parts.append(deps(rng.randint(0, 8)))
        if R() < 0.2: parts.append("<repositories>" + "".join(repo("repository") for _ in range(rng.randint(0, 2))) + "</repositories>")
        if R() < 0.1: parts.append("<pluginRepositories>" + repo("pluginRepository") + "</pluginRepositories>")
        if R() < 0.4:
            b = []
            if not profile and R() < 0.3: b.append("<extensions>" + "".join(plugin(i, "extension") for i in range(rng.randint(0, 2))) + "</extensions>")
            if R() < 0.4: b.append("<pluginManagement><plugins>" + "".join(plugin(i) for i in range(rng.randint(0, 3))) + "</plugins></pluginManagement>")
            if R() < 0.7: b.append("<plugins>" + "".join(plugin(rng.randint(0, 6)) for i in range(rng.randint(0, 4))) + "</plugins>")
            if R() < 0.2: b.append("<finalName>x</finalName>")
            parts.append("<build>" + "".join(b) + "</build>")
        if R() < 0.15:
            r = []
            if R() < 0.5: r.append(leaf("excludeDefaults", ch("true", "false", "TRUE")))
            if R() < 0.7: r.append("<plugins>" + "".join(plugin(i, "report") for i in range(2)) + "</plugins>")
            parts.append("<reporting>" + "".join(r) + "</reporting>")
        if not profile and R() < 0.1: parts.append("<scm><url>x</url><anything/></scm>")
        if not profile and R() < 0.1: parts.append("<developers><developer><id>d</id></developer></developers>")
        rng.shuffle(parts) if R() < 0.1 else None
        return ws().join(parts)
    def profile(i):
        f = []
        if R() < 0.9: f.append(leaf("id", ch("p1", "p2", "dev", "p1")))
        if R() < 0.6:
            a = []
            if R() < 0.4: a.append(leaf("activeByDefault", ch("true", "false", "TRUE")))
            if R() < 0.3: a.append(leaf("jdk", "[1.8,)"))
            if R() < 0.3: a.append("<os>" + leaf("name", "linux") + (leaf("family", "unix") if R() < 0.5 else "") + "</os>")
            if R() < 0.3: a.append("<property>" + leaf("name", "env") + (leaf("value", "x") if R() < 0.5 else "") + "</property>")
            if R() < 0.2: a.append("<file><exists>a</exists></file>")
            f.append("<activation>" + "".join(a) + "</activation>")
        f.append(section(True))
        return "<profile>" + ws().join(f) + "</profile>"
    head = []
    if R() < 0.1: head.append(leaf("parent", "") .replace("<parent></parent>", "<parent/>") if False else
                              "<parent>" + leaf("groupId", value("org.parent")) + leaf("artifactId", "par") +
                              (leaf("version", value("9")) if R() < 0.9 else "") +
                              (leaf("relativePath", ch("", "../p", " ../q ")) if R() < 0.3 else "") + "</parent>")
    if R() < 0.9: head.append(leaf("groupId", value("com.example")))
    head.append(leaf("artifactId", "app"))
    if R() < 0.9: head.append(leaf("version", value("1.0")))
    if R() < 0.3: head.append(leaf("packaging", ch("pom", "jar", "war", "${a}", "")))
    if R() < 0.1: head.append(leaf("name", value("Name")))
    body = ws().join(head) + ws() + section(False)
    if R() < 0.25:
        body += "<profiles>" + "".join(profile(i) for i in range(rng.randint(0, 3))) + "</profiles>"
    root_attrs = ch(' xmlns="http://maven.apache.org/POM/4.0.0"', "", ' xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b"')
    text = f"<project{root_attrs}>" + ws() + "<modelVersion>4.0.0</modelVersion>" + ws() + body + ws() + "</project>\n"
    decl = ch("", '<?xml version="1.0" encoding="UTF-8"?>\n', "<?xml version='1.0'?>", '<?xml version="1.0" encoding="ISO-8859-1"?>\n',
              '<?xml version="1.0" encoding="windows-1252"?>\n', "\ufeff", "<!-- lead -->\n", '<?xml version="1.0" encoding="US-ASCII"?>')
    text = decl + text
    if R() < 0.05: text = text.replace("\n", "\r\n")
    if R() < 0.03: text = "<!DOCTYPE project [<!ELEMENT project ANY>]>" + text if not text.startswith("<?xml") else text
    enc = "utf-8"
    if "ISO-8859-1" in decl or "windows-1252" in decl: enc = "latin-1"
    data = text.encode("utf-8") if enc == "utf-8" else text.encode("latin-1", errors="replace")
    if "windows-1252" in decl and R() < 0.5: data = data[:60] + data[60:].replace(b"x", b"\x80", 1)
    if R() < 0.03: data = ("\ufeff" + text.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")).encode("utf-16-le" if R() < 0.5 else "utf-16-be")
    # invalid mutations
    r = R()
    if r < 0.05: data = data[: rng.randint(0, len(data))]
    elif r < 0.07: data = data.replace(b"</dependency>", b"</dependencies>", 1)
    elif r < 0.08: data = b"<!DOCTYPE project [<!ENTITY e \"x\">]>" + data
    elif r < 0.09: data = data.replace(b"<modelVersion>", b"<x>" * 1001 + b"<modelVersion>", 1)
    elif r < 0.10: data = data.replace(b"4.0.0", b"4.0\xff", 1)
    elif r < 0.11: data = data.replace(b"4.0.0", b"4&foo;0", 1)
    elif r < 0.12: data = data.replace(b"4.0.0", b"4]]>0", 1)
    elif r < 0.13:
        i = rng.randint(0, max(0, len(data) - 1)); data = data[:i] + bytes([rng.randint(0, 255)]) + data[i + 1:]
    elif r < 0.14: data = data.replace(b"<version>", b"<version>\x01", 1)
    elif r < 0.15: data = data.replace(b"<groupId>", b"<groupId a='1' a='2'>", 1)
    elif r < 0.16: data = data + b"<extra/>"
    elif r < 0.17: data = data.replace(b"</project>", b"</projec>", 1)
    elif r < 0.18: data = data.replace(b"<modelVersion>", b"<modelVersion>\n<![CDATA[", 1)
    return data

def mutate(rng, data):
    """A second variant for diff/decide: a small change of the first."""
    r = rng.random()
    if r < 0.3: return data
    if r < 0.5: return data.replace(b"1.0", b"1.1", 1)
    if r < 0.6: return data.replace(b"<dependency>", b"<dependency><!-- c -->", 1)
    if r < 0.7:
        i = data.find(b"</dependency>")
        if i >= 0:
            j = data.rfind(b"<dependency", 0, i)
            return data[:j] + data[i + len(b"</dependency>"):]
        return data
    if r < 0.8: return data.replace(b"<scope>test</scope>", b"", 1).replace(b"art1", b"art9", 1)
    return data.replace(b"</dependencies>", b"<dependency><groupId>n</groupId><artifactId>m</artifactId></dependency></dependencies>", 1)

# ---------------------------------------------------------------- runner
def run(binary, args, cwd):
    p = subprocess.run([binary] + args, cwd=cwd, capture_output=True, timeout=120)
    return p.stdout, p.stderr, p.returncode

failures = []
def compare(label, args, cwd):
    a = run(BASE, args, cwd)
    b = run(NEW, args, cwd)
    if a != b:
        failures.append((label, args, a, b))
        return False
    return True

def check_pair(job):
    index, old, new, label = job
    d = tempfile.mkdtemp(prefix="pomcheck-")
    try:
        os.makedirs(f"{d}/a"); os.makedirs(f"{d}/b")
        open(f"{d}/a/pom.xml", "wb").write(old)
        open(f"{d}/b/pom.xml", "wb").write(new)
        ok = True
        for args in (["normalize", "a/pom.xml"], ["digest", "a/pom.xml"], ["diff", "a/pom.xml", "b/pom.xml"],
                     ["decide", "a/pom.xml", "b/pom.xml"], ["decide", "--json", "a/pom.xml", "b/pom.xml"],
                     ["diff", "--json", "a", "b"], ["snapshot", "a"]):
            ok &= compare(f"{label}#{index}", args, d)
        if new != old:
            ok &= compare(f"{label}#{index}", ["normalize", "b/pom.xml"], d)
            ok &= compare(f"{label}#{index}", ["digest", "b/pom.xml"], d)
        # decide with the base's snapshot of a as OLD
        so, _, rc = run(BASE, ["snapshot", "a", "--output", "snap.json"], d)
        if rc == 0:
            ok &= compare(f"{label}#{index}", ["decide", "snap.json", "b"], d)
        if not ok:
            keep = f"/tmp/pomcheck-fail/{label.replace('/', '_')}-{index}"
            os.makedirs(keep, exist_ok=True)
            shutil.copy(f"{d}/a/pom.xml", f"{keep}/a.pom.xml"); shutil.copy(f"{d}/b/pom.xml", f"{keep}/b.pom.xml")
        return ok
    finally:
        shutil.rmtree(d)

def main():
    rng = random.Random(SEED)
    jobs = []
    files = sorted(set(glob.glob(os.path.join(CORPUS, "**", "*pom*.xml"), recursive=True)) |
                   set(glob.glob(os.path.join(INPUTS, "pom-*", "pom.xml")) if INPUTS else []))
    for i, f in enumerate(files):
        data = open(f, "rb").read()
        jobs.append((i, data, mutate(rng, data), "file:" + f))
    for i in range(N):
        data = gen(rng)
        jobs.append((i, data, mutate(rng, data) if rng.random() < 0.7 else gen(rng), "gen"))
    with ThreadPoolExecutor(max_workers=int(os.environ.get("JOBS", "2"))) as pool:
        results = list(pool.map(check_pair, jobs))
    errors = 0
    for label, args, a, b in failures[:20]:
        print("DIFF", label, args)
        print("  base:", a[2], a[0][:300], a[1][:300])
        print("  new: ", b[2], b[0][:300], b[1][:300])
    print(f"{len(jobs)} pairs ({len(files)} files, {N} generated), {results.count(False)} pairs differ, {len(failures)} command differences")
    sys.exit(1 if failures else 0)

if __name__ == "__main__":
    main()
