#!/usr/bin/env node
'use strict';
// ciba-fail: rejects a CIBA backchannel authentication request from the command line (the Node.js twin of
// examples/c/ciba-fail.c). Configuration from the environment: AUTHLETE_BASE_URL, AUTHLETE_BEARER, ...
// Exit status: 0 success; 1..9 the libauthlete status; 64 usage error; 70 library of another series.
const { Client, AuthleteError, checkVersion, libraryVersion } = require('./index.js');

const USAGE = 'usage: ciba-fail.js --service-id ID [--ticket T] [--reason NAME] [--description TEXT] [--uri URI]';
const FLAGS = { '--service-id': 'serviceId', '--ticket': 'ticket', '--reason': 'reason',
  '--description': 'errorDescription', '--uri': 'errorUri' };

async function main(argv) {
  const options = { serviceId: process.env.AUTHLETE_SERVICE_APIKEY };
  for (let i = 0; i < argv.length; i += 2) {
    if (!(argv[i] in FLAGS) || argv[i + 1] === undefined) return usage();
    options[FLAGS[argv[i]]] = argv[i + 1];
  }
  if (!options.serviceId) return usage();
  if (!checkVersion(libraryVersion().number)) {
    console.error(`ciba-fail: libauthlete ${libraryVersion().version} is of another series`);
    return 70;
  }
  const client = new Client();
  try {
    const { serviceId, ...fields } = options;
    const answer = await client.cibaFail(serviceId, fields);
    process.stdout.write(`action: ${answer.action}\nhttp_status: ${answer.httpStatus}\n` +
      `response_content: ${answer.responseContent}\nresult_code: ${answer.resultCode}\n`);
    return 0;
  } finally {
    client.close();
  }
}

function usage() {
  console.error(USAGE);
  return 64;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error) => {
  console.error(`ciba-fail: ${error.message}`);
  if (error instanceof AuthleteError && error.body !== null) console.error(`ciba-fail: Authlete answered: ${error.body}`);
  process.exitCode = error instanceof AuthleteError ? error.status : 1;
});
