// Record aws-jwt-verify's verdict on every corpus entry (see README.md).
//
//   AWS_JWT_VERIFY_PREFIX=<dir with node_modules/aws-jwt-verify> \
//     node verify_with_aws_jwt_verify.mjs [corpus.json] [corpus_verdicts.json]
//
// Each entry is verified by a fresh CognitoJwtVerifier (userPoolId, tokenUse, clientId,
// graceSeconds from the entry), whose JWKS cache "fetches" the entry's JWKS text through a fake
// fetcher, so the JWKS goes through aws-jwt-verify's own parsing and validation. The clock is
// frozen by overriding Date.now.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const corpusPath = process.argv[2] ?? path.join(here, "corpus.json");
const outPath = process.argv[3] ?? path.join(here, "corpus_verdicts.json");
const prefix = process.env.AWS_JWT_VERIFY_PREFIX ?? process.cwd();
const require = createRequire(path.join(path.resolve(prefix), "package.json"));

const { CognitoJwtVerifier } = require("aws-jwt-verify");
const { SimpleJwksCache } = require("aws-jwt-verify/jwk");
const packageDir = path.resolve(path.dirname(require.resolve("aws-jwt-verify")), "..", "..");
const version = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")).version;

const corpus = JSON.parse(readFileSync(corpusPath, "utf8"));
const realNow = Date.now;
const verdicts = {};

for (const entry of corpus.entries) {
  const jwksText = corpus.jwks_sets[entry.jwks];
  const fetched = [];
  const fetcher = {
    fetch: async (uri) => {
      fetched.push(uri);
      const body = Buffer.from(jwksText, "utf8");
      return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
    },
  };
  let verdict;
  try {
    const verifier = CognitoJwtVerifier.create(
      {
        userPoolId: corpus.user_pool_id,
        tokenUse: entry.token_use,
        clientId: entry.client_id,
        graceSeconds: entry.grace_seconds,
      },
      { jwksCache: new SimpleJwksCache({ fetcher }) },
    );
    Date.now = () => (entry.now ?? corpus.now) * 1000;
    await verifier.verify(entry.token);
    verdict = { valid: true };
  } catch (err) {
    verdict = { valid: false, error: `${err?.constructor?.name ?? "Error"}: ${err?.message ?? err}` };
  } finally {
    Date.now = realNow;
  }
  verdicts[entry.id] = { ...verdict, fetched };
}

const valid = Object.values(verdicts).filter((v) => v.valid).length;
writeFileSync(
  outPath,
  JSON.stringify(
    { verifier: `aws-jwt-verify ${version}`, node: process.version, now: corpus.now, verdicts },
    null,
    1,
  ) + "\n",
);
console.log(`aws-jwt-verify ${version}: ${valid} valid, ${corpus.entries.length - valid} invalid -> ${outPath}`);
