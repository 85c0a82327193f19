#!/usr/bin/python3
"""docs/openapi.yaml and the server say the same thing: requests generated from the schema,
sent to the real supportdesk-server on loopback (a fresh SQLite store).

Properties, for every generated request:
- what the schema allows is never refused as malformed (no 400), nothing is a 5xx, the status
  is one the schema documents for the route, and the body matches its documented schema;
- what the schema refuses (a parameter, a body field or the ops' envelope) is a 400 naming the
  field, except an op's payload, which refuses that op alone with `invalid-op` (documented);
- a method a path does not have is a 405 whose Allow names exactly the documented methods
  (HEAD with GET), and HEAD answers carry no body.

Routes: /changes, /ops (every op type the contract's Operation.type lists, with the payload
keys it documents), /settings, /reports/customer, /reports/attainment, /intake/tickets (and the
ticket it filed), /triage and /triage/{id} (a mail from an unknown sender waits), attachments
(upload, list, bytes), /im/{group} (signed, badly signed, stale), /catalog, /me.

Usage: contract_properties.py SERVER_BINARY OPENAPI_YAML
"""
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import uuid

import jsonschema
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

SERVER, DOC = sys.argv[1], sys.argv[2]
with open(DOC, encoding="utf-8") as f:
    SPEC = yaml.safe_load(f)
PROFILE = settings(max_examples=int(os.environ.get("CONTRACT_EXAMPLES", "120")), deadline=None,
                   suppress_health_check=list(HealthCheck), database=None)
# The routes added after the first four are asked half as often: together they double the
# requests, and the run stays within its ctest time under a loaded machine.
ROUTE_PROFILE = settings(PROFILE, max_examples=max(PROFILE.max_examples // 2, 10))
INT64 = 2**63 - 1
# The op types as docs/openapi.yaml lists them (Operation.type's description, up to "Any other
# name"): a type added there is generated below, or the check against PAYLOAD_KEYS fails.
_TYPE_TEXT = SPEC["components"]["schemas"]["Operation"]["properties"]["type"]["description"]
KNOWN_TYPES = re.findall(r"[a-z]+(?:-[a-z]+)*", _TYPE_TEXT.split("Any other name")[0])
# The payload keys of each type (Operation.payload's description), values generated as text.
PAYLOAD_KEYS = {
    "create-ticket": ["customer_id", "sub_client", "subject", "body", "channel", "severity",
                      "software", "software_version", "quota_override_reason"],
    "accept": [], "reply": ["message_id", "body"], "note": ["message_id", "body"],
    "assign": ["assignee_id"], "set-status": ["status"], "reclassify": ["severity", "reason"],
    "set-software": ["software", "software_version"], "quota-override": ["reason"],
    "add-tag": ["tag"], "remove-tag": ["tag"], "merge": ["target_id"], "link": ["target_id"],
    "unlink": ["target_id"],
    "save-macro": ["scope", "name", "body_zh", "body_en", "status", "severity",
                   "severity_reason", "assigns", "assignee_id"],
    "delete-macro": ["scope"],
    "save-view": ["name", "queue", "edition", "severity", "channel", "status", "tags", "search"],
    "delete-view": [],
    "record-service-use": ["customer_id", "kind", "first_day", "last_day", "asked_on", "note",
                           "override_reason"],
    "cancel-service-use": ["reason"],
}


def resolve(schema):
    while "$ref" in schema:
        node = SPEC
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def ecma(pattern):
    # In ECMA 262 (OpenAPI's regex dialect) `$` is the end; in Python also before a final \n.
    return pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern


def to_jsonschema(schema):
    """OpenAPI 3.0's dialect to draft 4 (nullable, refs inlined), for jsonschema."""
    schema = resolve(schema)
    out = {}
    for key, value in schema.items():
        if key in ("properties",):
            out[key] = {k: to_jsonschema(v) for k, v in value.items()}
        elif key in ("items", "additionalProperties") and isinstance(value, dict):
            out[key] = to_jsonschema(value)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [to_jsonschema(v) for v in value]
        elif key in ("nullable", "example", "description", "default"):
            continue
        elif key == "pattern":
            out[key] = ecma(value)
        else:
            out[key] = value
    if schema.get("nullable"):
        out = {"anyOf": [out, {"type": "null"}]}
    return out


FORMATS = jsonschema.FormatChecker(())


@FORMATS.checks("uuid")
def _uuid(text):
    return not isinstance(text, str) or re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text) is not None


@FORMATS.checks("date-time")
def _time(text):
    return not isinstance(text, str) or re.fullmatch(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", text) is not None


def valid(schema, value):
    validator = jsonschema.Draft4Validator(to_jsonschema(schema), format_checker=FORMATS)
    return validator.is_valid(value)


def check(schema, value, what):
    errors = list(jsonschema.Draft4Validator(to_jsonschema(schema),
                                             format_checker=FORMATS).iter_errors(value))
    assert not errors, f"{what}: {errors[0].message} at {list(errors[0].absolute_path)}"


# --- strategies from the schema ---------------------------------------------------------

TIMES = st.datetimes().map(
    lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z")


def from_schema(schema):
    schema = resolve(schema)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "string":
        if schema.get("format") == "date-time":
            return TIMES
        if schema.get("format") == "uuid":
            return st.uuids().map(str)
        lo, hi = schema.get("minLength", 0), schema.get("maxLength", 200)
        if "pattern" in schema:
            return st.from_regex(ecma(schema["pattern"])).filter(lambda s: lo <= len(s) <= hi)
        return st.text(min_size=lo, max_size=min(hi, 200))
    if kind == "integer":
        lo, hi = schema.get("minimum", -(2**63)), schema.get("maximum", INT64)
        return st.one_of(st.integers(lo, hi), st.sampled_from([lo, hi]))
    if kind == "number":
        lo, hi = schema.get("minimum"), schema.get("maximum")
        return st.floats(lo, hi, exclude_min=bool(schema.get("exclusiveMinimum")),
                         exclude_max=bool(schema.get("exclusiveMaximum")), allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {})),
                        max_size=min(schema.get("maxItems", 5), 5))
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        required = set(schema.get("required", []))
        fixed = {k: from_schema(v) for k, v in props.items() if k in required}
        optional = {k: from_schema(v) for k, v in props.items() if k not in required}
        extra = schema.get("additionalProperties")
        base = st.fixed_dictionaries(fixed, optional=optional)
        if isinstance(extra, dict):
            keys = st.text(min_size=1, max_size=20).filter(lambda k: k not in props)
            more = st.dictionaries(keys, from_schema(extra), max_size=3)
            return st.tuples(base, more).map(lambda p: {**p[1], **p[0]})
        return base
    return st.none()


# Anything JSON, to put where the schema wants something else. (No integral floats: JSON has
# one kind of number, and 1.0 is the integer 1 to the server; draft 4 would call it a number.)
FRACTIONS = st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: f != int(f))
ANY_JSON = st.recursive(st.none() | st.booleans() | st.integers() | FRACTIONS
                        | st.text(max_size=10),
                        lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=5)


# --- the server ---------------------------------------------------------------------------

def run(*args):
    out = subprocess.run([SERVER, *args], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout


class Server:
    def __init__(self, workdir):
        db = os.path.join(workdir, "contract.db")
        customers = os.path.join(workdir, "customers.json")
        with open(customers, "w", encoding="utf-8") as f:
            # s1 for the routes that take any customer; pent, a partner Enterprise, for the
            # service report only its edition includes.
            json.dump([{"id": "s1", "name": "S1", "plan_id": "service-plan",
                        "edition_id": "s1-flagship", "time_zone": "Asia/Shanghai", "seq": 0},
                       {"id": "pent", "name": "PEnt", "plan_id": "partner-plan",
                        "edition_id": "enterprise", "time_zone": "Asia/Shanghai", "seq": 0}], f)
        run("customer", "import", customers, "--db", db)
        self.tokens = {}
        for role in ("agent", "lead", "service"):
            out = run("agent", "add", "--db", db, "--name", role, "--role", role,
                      "--id", "id-" + role, *(["--customers", "s1"] if role == "service" else []))
            self.tokens[role] = re.search(r"token: (\S+)", out).group(1)
        self.im_secret = "contract-secret-0123456789"
        run("im", "add", "--db", db, "--id", "g1", "--customer", "s1", "--name", "G1",
            "--url", "http://127.0.0.1:9/hook", "--secret", self.im_secret)
        # A mail from a sender nobody knows: kept for triage (GET /triage lists it).
        with open(os.path.join(os.path.dirname(DOC), "..", "tests", "server", "mail",
                               "10-unknown-sender.eml"), "rb") as mail:
            ingest = subprocess.run([SERVER, "--db", db, "mail-ingest"], input=mail.read(),
                                    capture_output=True, timeout=60)
        assert ingest.returncode == 0, ingest.stdout + ingest.stderr
        self.process = subprocess.Popen([SERVER, "--db", db, "--port", "0"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True)
        for line in self.process.stdout:
            m = re.search(r"listening on http://127.0.0.1:(\d+)", line)
            if m:
                self.port = int(m.group(1))
                break
        else:
            raise RuntimeError("the server did not start")
        self.connection = None

    def request(self, method, target, body=None, role="lead", headers=None):
        headers = dict(headers or {})
        if role:
            headers["Authorization"] = "Bearer " + self.tokens[role]
        if body is not None:
            headers.setdefault("Content-Type", "application/json")
            body = body if isinstance(body, bytes) else json.dumps(body).encode()
        for attempt in range(2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection("127.0.0.1", self.port,
                                                                 timeout=30)
                self.connection.request(method, target, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response.status, dict(response.getheaders()), data
            except (http.client.HTTPException, ConnectionError):
                self.connection = None
                if attempt:
                    raise

    def stop(self):
        self.process.terminate()
        self.process.wait(30)


def operation(path, method):
    return SPEC["paths"][path][method]


def answer_schema(path, method, status):
    responses = operation(path, method)["responses"]
    assert str(status) in responses, f"{method.upper()} {path}: {status} is not documented"
    content = resolve(responses[str(status)]).get("content", {})
    return content.get("application/json", {}).get("schema")


def checked(path, method, status, data):
    schema = answer_schema(path, method, status)
    assert status < 500, f"{method.upper()} {path}: {status} {data[:300]!r}"
    if schema is not None:
        check(schema, json.loads(data), f"{method.upper()} {path} {status}")
    return json.loads(data) if data else None


def field_of(data):
    return json.loads(data)["error"].get("field", "")


def query_text(value):
    return st.one_of(st.just(str(value)), st.just(str(value).zfill(len(str(value)) + 2)))


def run_properties(server):
    changes = operation("/changes", "get")
    after_schema = next(p for p in changes["parameters"] if p["name"] == "after")["schema"]
    limit_schema = next(p for p in changes["parameters"] if p["name"] == "limit")["schema"]

    def integer_param(schema):
        # Valid: a decimal integer the schema allows (leading zeros too); else any text.
        good = from_schema(schema).flatmap(query_text).map(lambda t: (t, True))
        bad = st.one_of(st.integers(max_value=schema["minimum"] - 1).map(str),
                        st.integers(min_value=schema["maximum"] + 1).map(str),
                        st.text(max_size=25),
                        # PCRE's `$` also matches before a final newline; the schema's does not
                        from_schema(schema).map(lambda n: f"{n}\n")).map(
            lambda t: (t, bool(re.fullmatch(r"[0-9]+", t))
                       and schema["minimum"] <= int(t) <= schema["maximum"]))
        return st.one_of(good, bad)

    @PROFILE
    @given(integer_param(after_schema), integer_param(limit_schema))
    def feed(after, limit):
        from urllib.parse import quote
        status, _, data = server.request(
            "GET", f"/api/v1/changes?after={quote(after[0])}&limit={quote(limit[0])}",
            role="agent")
        checked("/changes", "get", status, data)
        if after[1] and limit[1]:
            assert status == 200, (after, limit, data)
        else:
            assert status == 400, (after, limit, data)
            assert field_of(data) == ("after" if not after[1] else "limit")

    op_schema = SPEC["components"]["schemas"]["Operation"]
    ops_body = operation("/ops", "post")["requestBody"]["content"]["application/json"]["schema"]
    envelope = {k: v for k, v in op_schema["properties"].items() if k != "payload"}
    payload_schema = op_schema["properties"]["payload"]

    def with_fresh_ids(body):
        for op in body.get("ops", []):
            if isinstance(op, dict) and isinstance(op.get("op_id"), str) and op["op_id"]:
                op["op_id"] = op["op_id"][:90] + "-" + uuid.uuid4().hex  # not a replay
        return body

    @PROFILE
    @given(from_schema(ops_body))
    def ops_valid(body):
        body = with_fresh_ids(body)
        if not valid(ops_body, body):
            return  # (an op_id the freshening made invalid: not this property's case)
        status, _, data = server.request("POST", "/api/v1/ops", body, role="agent")
        answer = checked("/ops", "post", status, data)
        assert status == 200, (body, data)
        assert len(answer["results"]) == len(body["ops"])

    # One op with one envelope field or one payload value replaced by anything JSON.
    @PROFILE
    @given(from_schema(op_schema),
           st.sampled_from(sorted(envelope) + ["payload", "payload-value"]), ANY_JSON)
    def ops_mutated(op, key, value):
        op = dict(op)
        if key == "payload-value":
            op["payload"] = {**op.get("payload", {}), "subject": value}
        else:
            op[key] = value
        body = with_fresh_ids({"ops": [op]})
        status, _, data = server.request("POST", "/api/v1/ops", body, role="agent")
        answer = checked("/ops", "post", status, data)
        envelope_ok = valid({**op_schema, "properties": envelope}, op)
        payload = op.get("payload")
        if not envelope_ok or not (payload is None or isinstance(payload, dict)):
            assert status == 400, (op, data)
            assert field_of(data).startswith("ops[0]"), data
        elif not valid(payload_schema, payload):
            assert status == 200, (op, data)
            result = answer["results"][0]
            assert result["result"] == "rejected" and result["code"] == "invalid-op", (op, data)
            # (An unknown type is named first: the payload of no known op.)
            named = "payload" if op["type"] in KNOWN_TYPES else ("payload", "type")
            assert result["args"][0].startswith(named), (op, data)
        else:
            assert status == 200, (op, data)

    settings_body = (operation("/settings", "put")["requestBody"]["content"]
                     ["application/json"]["schema"])

    @PROFILE
    @given(st.one_of(from_schema(settings_body),
                     st.fixed_dictionaries({}, optional={
                         "notify_before_breach_minutes": st.one_of(st.integers(), ANY_JSON),
                         "at_risk_fraction": st.one_of(FRACTIONS, ANY_JSON)})))
    def put_settings(body):
        # Tag rules are left to tst_tag and tst_serverapi::tagRulesTagNewTickets: what a tag may
        # be (a letter or digit of any script) is no pattern Python's re reads, and the server
        # keeps a tag case-folded, so a valid body would not come back as sent.
        if isinstance(body, dict):
            body.pop("tag_rules", None)
        status, _, data = server.request("PUT", "/api/v1/settings", body)
        checked("/settings", "put", status, data)
        if valid(settings_body, body):
            assert status == 200, (body, data)
            stored = json.loads(data)["settings"]
            for key, value in body.items():
                if key in stored and value is not None:
                    assert stored[key] == value, (body, data)
        else:
            assert status == 400, (body, data)

    report = operation("/reports/customer/{id}", "get")
    month_schema = next(p for p in report["parameters"] if p["name"] == "month")["schema"]

    @PROFILE
    @given(st.one_of(from_schema(month_schema), st.text(max_size=8),
                     from_schema(month_schema).map(lambda m: m + "\n"),
                     st.from_regex(r"\A[0-9]{4}-[0-9]{2}\Z")),
           st.sampled_from(["pent", "s1", "nobody"]))
    def customer_report(month, customer):
        from urllib.parse import quote
        status, _, data = server.request(
            "GET", f"/api/v1/reports/customer/{customer}?month={quote(month)}")
        checked("/reports/customer/{id}", "get", status, data)
        if valid(month_schema, month):
            # s1's Flagship edition does not include service reports: a plan rule's refusal.
            assert status == {"pent": 200, "s1": 422}.get(customer, 404), (month, data)
            if status == 422:
                error = json.loads(data)["error"]
                assert error["code"] == "not-entitled", data
                assert error["args"] == ["s1-flagship", "service-reports"], data
        else:
            assert status == 400 and field_of(data) == "month", (month, data)

    def methods():
        # Every method on every documented path: the documented ones answered, the others 405
        # with Allow naming exactly the documented ones; HEAD as GET without the body.
        for path, item in SPEC["paths"].items():
            documented = sorted(m.upper() for m in item if m in ("get", "put", "post", "delete",
                                                                 "patch", "head", "options"))
            allow = set(documented) | ({"HEAD"} if "GET" in documented else set())
            prefix = "" if "servers" in item else "/api/v1"
            target = (prefix + path.replace("{id}", "s1")
                      + ("?month=2026-01" if "{id}" in path else ""))
            for method in ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"):
                if path == "/stream" and method in ("GET", "HEAD"):
                    continue  # an upgrade
                status, headers, data = server.request(method, target, b"{}" if method in (
                    "POST", "PUT", "PATCH") else None)
                if method in allow:
                    assert status != 405, (method, path)
                    if method == "HEAD":
                        assert data == b"", (path, data[:100])
                else:
                    assert status == 405, (method, path, status)
                    got = {m.strip() for m in headers.get("Allow", "").split(",") if m.strip()}
                    assert got == allow, (method, path, headers.get("Allow"), allow)


    # --- every op type the contract lists, with the payload keys it documents -----------
    assert sorted(KNOWN_TYPES) == sorted(PAYLOAD_KEYS), (KNOWN_TYPES, sorted(PAYLOAD_KEYS))
    ticket = str(uuid.uuid4())
    status, _, data = server.request("POST", "/api/v1/ops", {"ops": [{
        "op_id": str(uuid.uuid4()), "type": "create-ticket", "ticket_id": ticket,
        "payload": {"customer_id": "s1", "subject": "contract", "body": "-",
                    "channel": "ticket", "severity": "consultation"}}]})
    assert status == 200 and json.loads(data)["results"][0]["result"] == "applied", data
    tag_pattern = re.compile(r"[-_.\w]{1,40}")

    def tag_ok(tag):
        # checkTag(): trimmed and case-folded, 1-40 letters, digits, '-', '_', '.' (marks too)
        t = tag.strip().casefold()
        return bool(tag_pattern.fullmatch(t)) and all(c.isalnum() or c in "-_." for c in t)

    text_value = st.one_of(st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                                          blacklist_characters="\x00"),
                                   max_size=30),
                           st.sampled_from(["s1", "id-agent", "id-lead", ticket, "team", "own",
                                            "accepted", "resolved", "consultation",
                                            "business-down", "ticket", "iem", "training",
                                            "2026-12-01", "vpn", " VPN ", "MySQL", "5.7"]))

    @ROUTE_PROFILE
    @given(st.sampled_from(KNOWN_TYPES), st.sampled_from([ticket, "new", "unknown"]),
           st.data(), st.sampled_from(["agent", "lead"]))
    def ops_every_type(kind, on, data, role):
        keys = PAYLOAD_KEYS[kind]
        payload = data.draw(st.fixed_dictionaries({}, optional={k: text_value for k in keys}))
        ticket_id = ticket if on == ticket else (str(uuid.uuid4()) if on == "new" else "x-1")
        op = {"op_id": str(uuid.uuid4()), "type": kind, "ticket_id": ticket_id,
              "base_version": data.draw(st.integers(0, 5)), "payload": payload}
        status, _, body = server.request("POST", "/api/v1/ops", {"ops": [op]}, role=role)
        answer = checked("/ops", "post", status, body)
        if kind in ("add-tag", "remove-tag") and not tag_ok(payload.get("tag", "")):
            assert status == 400 and field_of(body) == "ops[0].payload.tag", (op, body)
        elif kind in ("merge", "link", "unlink") and not (
                0 < len(payload.get("target_id", "")) <= 128):
            assert status == 400 and field_of(body) == "ops[0].payload.target_id", (op, body)
        else:
            assert status == 200, (op, body)
            result = answer["results"][0]
            assert result["result"] in ("applied", "rejected", "conflict"), (op, body)
            # Never "unknown type": every type the contract lists is one the server knows.
            assert not (result.get("code") == "invalid-op"
                        and str(result.get("args", [""])[0]).startswith("type")), (op, body)

    # --- the other routes, with requests generated from their documented schemas ----------
    def documented(path, method, status):
        assert str(status) in operation(path, method)["responses"], \
            f"{method.upper()} {path}: {status} is not documented"

    iso_times = st.one_of(TIMES, st.dates().map(lambda d: d.isoformat()))

    @ROUTE_PROFILE
    @given(st.one_of(st.none(), iso_times, st.text(max_size=12)),
           st.one_of(st.none(), iso_times, st.text(max_size=12)))
    def attainment(start, end):
        from datetime import date, datetime
        from urllib.parse import urlencode
        query = urlencode({k: v for k, v in (("from", start), ("to", end)) if v is not None})
        status, _, data = server.request("GET", "/api/v1/reports/attainment?" + query)
        answer = checked("/reports/attainment", "get", status, data)

        def when(text):
            try:
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                    return datetime.fromisoformat(text + "T00:00:00+00:00")
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", text):
                    return datetime.fromisoformat(text[:-1] + "+00:00")
            except ValueError:
                return None
            return None
        times = [when(t) if t is not None else "default" for t in (start, end)]
        if None in times:
            assert status == 400 and field_of(data) in ("from", "to"), (start, end, data)
        elif "default" not in times and times[0] > times[1]:
            assert status == 400 and field_of(data) == "from", (start, end, data)
        elif "default" not in times and times[0].year > 1 and times[1].year < 9999:
            assert status == 200, (start, end, data)
            assert answer["overall"]["decided"] == sum(c["decided"] for c in answer["cells"])

    intake_body = (operation("/intake/tickets", "post")["requestBody"]["content"]
                   ["application/json"]["schema"])

    @ROUTE_PROFILE
    @given(st.one_of(from_schema(intake_body).map(lambda b: {**b, "customer_id": "s1"}),
                     from_schema(intake_body),
                     st.tuples(from_schema(intake_body),
                               st.sampled_from(sorted(intake_body["properties"])),
                               ANY_JSON).map(lambda t: {**t[0], t[1]: t[2]})))
    def intake(body):
        status, _, data = server.request("POST", "/api/v1/intake/tickets", body, role="service")
        answer = checked("/intake/tickets", "post", status, data)
        if valid(intake_body, body):
            # 403: a customer this service account does not serve (it serves s1 only)
            assert status in ((200, 201, 409, 422) if body["customer_id"] == "s1"
                              else (403,)), (body, data)
            if status in (200, 201):
                got_status, _, got = server.request(
                    "GET", "/api/v1/intake/tickets/" + answer["ticket"]["id"], role="service")
                checked("/intake/tickets/{id}", "get", got_status, got)
                assert got_status == 200, got
        elif body.get("customer_id") in ("s1", None) or not isinstance(body["customer_id"],
                                                                       str):
            assert status == 400, (body, data)
        else:
            # Whom the account serves is asked first: another's customer is 403 whatever else
            assert status in (400, 403), (body, data)

    @ROUTE_PROFILE
    @given(st.one_of(st.none(), st.sampled_from(["waiting", "filed", "discarded"]),
                     st.text(max_size=10)),
           st.one_of(st.none(), st.integers(-5, 205).map(str), st.text(max_size=5)))
    def triage_list(state, limit):
        from urllib.parse import urlencode
        query = urlencode({k: v for k, v in (("state", state), ("limit", limit))
                           if v is not None})
        status, _, data = server.request("GET", "/api/v1/triage?" + query)
        checked("/triage", "get", status, data)
        state_ok = state is None or state in ("waiting", "filed", "discarded")
        limit_ok = limit is None or (re.fullmatch(r"[0-9]+", limit) is not None
                                     and 0 <= int(limit) <= 200)
        assert status == (200 if state_ok and limit_ok else 400), (state, limit, data)
        status, _, data = server.request("GET", "/api/v1/triage?" + query, role="agent")
        assert status in (400, 403), data

    status, _, data = server.request("GET", "/api/v1/triage?limit=10")
    waiting = [m["id"] for m in json.loads(data)["mails"]]
    assert waiting, data
    triage_body = (operation("/triage/{id}", "post")["requestBody"]["content"]
                   ["application/json"]["schema"])

    @ROUTE_PROFILE
    @given(st.sampled_from(waiting + ["nomail", "%00"]),
           st.one_of(from_schema(triage_body),
                     st.tuples(from_schema(triage_body),
                               st.sampled_from(sorted(triage_body["properties"])),
                               ANY_JSON).map(lambda t: {**t[0], t[1]: t[2]})))
    def triage_decide(mail, body):
        status, _, data = server.request("POST", "/api/v1/triage/" + mail, body)
        checked("/triage/{id}", "post", status, data)
        if not valid(triage_body, body):
            assert status in (400, 404), (mail, body, data)
        else:
            assert status in (200, 404, 409, 422), (mail, body, data)

    @ROUTE_PROFILE
    @given(st.sampled_from([ticket, "nosuch"]), st.binary(max_size=300),
           st.one_of(st.none(), st.text(max_size=30)),
           st.one_of(st.none(), st.uuids().map(str), st.text(max_size=10)))
    def attachments(on, content, name, given_id):
        from urllib.parse import urlencode
        query = urlencode({k: v for k, v in (("name", name), ("id", given_id))
                           if v is not None})
        path = f"/api/v1/tickets/{on}/attachments"
        status, _, data = server.request("POST", path + "?" + query, content, role="agent",
                                         headers={"Content-Type": "application/octet-stream"})
        answer = checked("/tickets/{id}/attachments", "post", status, data)
        id_ok = given_id is None or re.fullmatch(
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", given_id)
        if on != ticket:
            assert status in (400, 404), data
        elif not content or not id_ok:
            assert status == 400, (name, given_id, data)
        else:
            assert status in (200, 201, 409), (name, given_id, data)
            if status in (200, 201):
                a = answer["attachment"]
                got_status, headers, got = server.request(
                    "GET", f"{path}/{a['id']}", role="agent")
                documented("/tickets/{id}/attachments/{attachment_id}", "get", got_status)
                assert got_status == 200 and (status == 200 or got == content), got_status
        status, _, data = server.request("GET", path, role="agent")
        checked("/tickets/{id}/attachments", "get", status, data)
        assert status == (200 if on == ticket else 404), data

    im_body = (operation("/im/{group}", "post")["requestBody"]["content"]["application/json"]
               ["schema"])

    @ROUTE_PROFILE
    @given(st.one_of(from_schema(im_body),
                     st.tuples(from_schema(im_body), st.sampled_from(sorted(im_body["properties"])),
                               ANY_JSON).map(lambda t: {**t[0], t[1]: t[2]})),
           st.sampled_from(["g1", "nogroup"]), st.sampled_from(["good", "bad", "old"]))
    def im(body, group, signature):
        import hashlib
        import hmac
        import time
        raw = json.dumps(body).encode()
        stamp = str(int(time.time()) - (1000 if signature == "old" else 0))
        mac = hmac.new(server.im_secret.encode(), stamp.encode() + b"." + raw,
                       hashlib.sha256).hexdigest()
        if signature == "bad":
            mac = "0" * 64
        status, _, data = server.request(
            "POST", f"/api/v1/im/{group}", raw, role=None,
            headers={"X-SupportDesk-Timestamp": stamp,
                     "X-SupportDesk-Signature": "sha256=" + mac})
        checked("/im/{group}", "post", status, data)
        if group != "g1" or signature != "good":
            assert status in (400, 401), (group, signature, data)
        elif valid(im_body, body):
            assert status in (200, 403), (body, data)
        else:
            assert status == 400, (body, data)

    @ROUTE_PROFILE
    @given(st.sampled_from(["agent", "lead", "service"]))
    def catalog_and_me(role):
        for path in ("/catalog", "/me"):
            status, _, data = server.request("GET", "/api/v1" + path, role=role)
            checked(path, "get", status, data)
            assert status == 200, (path, role, data)

    for test in (feed, ops_valid, ops_mutated, ops_every_type, put_settings, customer_report,
                 attainment, intake, triage_list, triage_decide, attachments, im, catalog_and_me,
                 methods):
        print(f"{test.__name__} …", flush=True)
        test()
    print("the contract holds", flush=True)


def main():
    with tempfile.TemporaryDirectory() as workdir:
        server = Server(workdir)
        try:
            run_properties(server)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
