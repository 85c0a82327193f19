// Validates an OpenAPI document: the OpenAPI 3.0 schema, every $ref, and the paths.
const SwaggerParser = require("@apidevtools/swagger-parser");

const file = process.argv[2];
// Optional: the paths the server routes; the document must describe exactly these.
const expected = process.argv.slice(3);
if (!file) {
    console.error("usage: node validate.js openapi.yaml");
    process.exit(2);
}
SwaggerParser.validate(file)
    .then((api) => {
        const paths = Object.keys(api.paths).sort();
        if (expected.length) {
            const want = [...expected].sort();
            if (JSON.stringify(paths) !== JSON.stringify(want)) {
                console.error(`${file}: paths ${paths.join(" ")} differ from the server's ${want.join(" ")}`);
                process.exit(1);
            }
        }
        console.log(`${file}: valid OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths`);
    })
    .catch((err) => {
        console.error(`${file}: INVALID: ${err.message}`);
        process.exit(1);
    });
