'use strict';
// The Node.js binding of libauthlete: a Client whose CIBA calls run off the event loop (N-API async work on
// libuv's thread pool) and return Promises of plain typed objects; failures reject with an AuthleteError.
// The addon is build/authlete.node (or AUTHLETE_NODE_ADDON), linked against libauthlete found by pkg-config.
const path = require('path');

const native = require(process.env.AUTHLETE_NODE_ADDON || path.join(__dirname, 'build', 'authlete.node'));

const ENDPOINT = { fail: 0, authentication: 1, issue: 2, complete: 3 };

/** A failed call: `code` is the status name (e.g. 'AUTHLETE_ERR_TIMEOUT'), `status` its value, `detail` the
 * library's authlete_last_error() text (never a credential), `body` Authlete's body on AUTHLETE_ERR_API (else
 * null). Log them; never send them to your own client. */
class AuthleteError extends Error {
  constructor({ status, name, detail, body }) {
    super(detail ? `${name}: ${detail}` : name);
    this.name = 'AuthleteError';
    this.code = name;
    this.status = status;
    this.detail = detail;
    this.body = body;
  }

  /** Authlete's resultCode from the body, or null. */
  get resultCode() {
    try {
      const parsed = JSON.parse(this.body);
      return typeof parsed.resultCode === 'string' ? parsed.resultCode : null;
    } catch {
      return null;
    }
  }
}

const HEADER_VERSION_NUMBER = native.version().header;

/** The rule: a library of the header's series, the same major and minor version, any patch. */
function checkVersion(number) {
  return Math.floor(number / 100) === Math.floor(HEADER_VERSION_NUMBER / 100);
}

function libraryVersion() {
  return native.version();
}

function unwrap(answer) {
  if (answer.error) throw new AuthleteError(answer.error);
  return answer.ok;
}

/** Drops undefined and null members: the library refuses no key for being absent. */
function request(fields) {
  return JSON.stringify(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null)));
}

class Client {
  /** options: the configuration keys of authlete_client_new (baseUrl, token, timeoutMs, maxRetries, ...);
   * without options, the environment (AUTHLETE_BASE_URL, AUTHLETE_BEARER, ...). */
  constructor(options) {
    const { number, version } = native.version();
    if (!checkVersion(number)) {
      throw new AuthleteError({ status: 3, name: 'AUTHLETE_ERR_CONFIG', body: null,
        detail: `libauthlete ${version} is loaded; this binding needs the series of header ${HEADER_VERSION_NUMBER}` });
    }
    this._handle = unwrap(native.newClient(options === undefined ? null : JSON.stringify(options)));
  }

  async _call(endpoint, serviceId, body) {
    if (this._handle === null) {
      throw new AuthleteError({ status: 3, name: 'AUTHLETE_ERR_CONFIG', detail: 'the client is closed', body: null });
    }
    return unwrap(await native.call(this._handle, ENDPOINT[endpoint], String(serviceId), body));
  }

  /** Rejects a backchannel authentication request (Authlete deletes its ticket). Resolves to
   * {action, httpStatus, responseContent, resultCode, resultMessage}: answer httpStatus with responseContent. */
  cibaFail(serviceId, { ticket, reason, errorDescription, errorUri } = {}) {
    return this._call('fail', serviceId, request({ ticket, reason, errorDescription, errorUri }));
  }

  /** Authlete checks the request: parameters is the client's form body verbatim; clientId and clientSecret are
   * the halves of its Basic header. Resolves to {action, httpStatus, ticket, clientId (BigInt), ...}. */
  cibaAuthentication(serviceId, { parameters, clientId, clientSecret, clientCertificate } = {}) {
    return this._call('authentication', serviceId, request({ parameters, clientId, clientSecret, clientCertificate }));
  }

  /** Turns the ticket into an auth_req_id: {action, httpStatus, responseContent, authReqId, expiresIn, interval}. */
  cibaIssue(serviceId, ticket) {
    return this._call('issue', serviceId, request({ ticket }));
  }

  /** Records the user's decision (result AUTHORIZED needs subject): {action, responseContent,
   * clientNotificationEndpoint, ...}. */
  cibaComplete(serviceId, { ticket, result, subject, claims, errorDescription, errorUri, ...more } = {}) {
    return this._call('complete', serviceId,
      request({ ticket, result, subject, claims, errorDescription, errorUri, ...more }));
  }

  /** Frees the client: now, or when its running calls end. Later calls reject. */
  close() {
    if (this._handle !== null) {
      native.close(this._handle);
      this._handle = null;
    }
  }
}

module.exports = { Client, AuthleteError, checkVersion, libraryVersion, HEADER_VERSION_NUMBER, _native: native };
