'use strict';
// The Node.js driver of examples/binding_checks.py: one JSON command per line on stdin, one JSON answer per line
// on stdout, in order. Test tool, not a sample.
const readline = require('readline');
const { Client, AuthleteError, checkVersion, libraryVersion, HEADER_VERSION_NUMBER, _native } = require('../index.js');

const clients = new Map();

// BigInt members (int64) written as JSON numbers, digit for digit.
function encode(value) {
  return JSON.stringify(value, (k, v) => (typeof v === 'bigint' ? `__bigint__${v}` : v))
    .replace(/"__bigint__(-?\d+)"/g, '$1');
}

function failCall(client, c) {
  return client.cibaFail(c.service, { ticket: c.ticket, reason: c.reason, errorDescription: c.description,
    errorUri: c.uri });
}

async function concurrent(client, c) {
  const outcomes = {};
  const errors = [];
  const caller = async () => {
    for (let i = 0; i < c.calls; i++) {
      try {
        const answer = await failCall(client, c);
        const key = `${answer.httpStatus} ${answer.responseContent}`;
        outcomes[key] = (outcomes[key] || 0) + 1;
      } catch (error) {
        errors.push(error.message);
      }
    }
  };
  await Promise.all(Array.from({ length: c.callers }, caller));
  return { outcomes, errors };
}

// The C heap in use after each of three runs of c.rounds rounds of every kind of answer (the first: warm-up).
async function leakcheck(client, c) {
  const round = async () => {
    const settle = (p) => p.catch((e) => { if (!(e instanceof AuthleteError)) throw e; });
    await settle(failCall(client, { service: c.service, ticket: 't', reason: 'ACCESS_DENIED', description: 'd' }));
    await settle(failCall(client, { service: c.faultService, ticket: 't', reason: 'ACCESS_DENIED' }));
    await settle(failCall(client, { service: c.service, reason: 'NOPE' }));
    const parsed = await client.cibaAuthentication(c.service, { parameters: c.parameters, clientId: c.clientId,
      clientSecret: c.clientSecret });
    await client.cibaIssue(c.service, parsed.ticket);
    await client.cibaComplete(c.service, { ticket: parsed.ticket, result: 'AUTHORIZED', subject: 'john' });
  };
  const marks = [];
  for (let mark = 0; mark < 3; mark++) {
    for (let i = 0; i < c.rounds; i++) await round();
    global.gc?.();
    marks.push(_native.heapInUse());
  }
  return { before: marks[0], middle: marks[1], after: marks[2] };
}

async function run(c) {
  const client = clients.get(c.client);
  switch (c.op) {
    case 'version': {
      const { version, number } = libraryVersion();
      return { version, number, header: HEADER_VERSION_NUMBER, accepted: c.probe.map(checkVersion) };
    }
    case 'client': {
      const id = clients.size + 1;
      clients.set(id, new Client(c.config));
      return { client: id };
    }
    case 'close': client.close(); return { closed: true };
    case 'fail': return failCall(client, c);
    case 'authentication':
      return client.cibaAuthentication(c.service, { parameters: c.parameters, clientId: c.clientId,
        clientSecret: c.clientSecret });
    case 'issue': return client.cibaIssue(c.service, c.ticket);
    case 'complete':
      return client.cibaComplete(c.service, { ticket: c.ticket, result: c.result, subject: c.subject,
        claims: c.claims, errorDescription: c.description, errorUri: c.uri });
    case 'concurrent': return concurrent(client, c);
    case 'leakcheck': return leakcheck(client, c);
    default: throw new Error(`unknown op ${c.op}`);
  }
}

async function main() {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    let answer;
    try {
      answer = { ok: await run(JSON.parse(line)) };
    } catch (error) {
      answer = error instanceof AuthleteError
        ? { error: { status: error.status, name: error.code, detail: error.detail, body: error.body,
          resultCode: error.resultCode, message: error.message } }
        : { fatal: String(error.stack || error) };
    }
    process.stdout.write(`${encode(answer)}\n`);
  }
}

main();
