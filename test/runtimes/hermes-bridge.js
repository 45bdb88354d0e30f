// Inside Hermes (hermes.mjs feeds this first): what React Native's native side gives JavaScript, over a line protocol
// with the host. Out: print("\u0001" + JSON) lines. In: the host types `__bridge.deliver(JSON)` into Hermes's REPL,
// which runs each line, then every microtask, before it reads the next. Timers are the host's too, so Hermes never
// sleeps on a timer of its own while a response is due.
(function (global) {
  var MARK = "\u0001";
  var nextId = 1;
  var timers = {};
  var exchanges = {};
  var send = function (message) {
    print(MARK + JSON.stringify(message));
  };

  global.global = global;
  global.navigator = { product: "ReactNative" };
  var write = function (level) {
    return function () {
      var parts = [];
      for (var i = 0; i < arguments.length; i++) {
        var value = arguments[i];
        parts.push(typeof value === "string" ? value : value instanceof Error ? String(value.stack || value) : safeJson(value));
      }
      send({ t: "log", level: level, text: parts.join(" ") });
    };
  };
  global.console = { log: write("log"), info: write("info"), warn: write("warn"), error: write("error"), debug: write("debug"), trace: write("trace"), assert: function (ok, message) { if (!ok) write("assert")(message); } };

  global.setTimeout = function (callback, ms) {
    var args = Array.prototype.slice.call(arguments, 2);
    var id = nextId++;
    timers[id] = function () {
      callback.apply(undefined, args);
    };
    send({ t: "timer", id: id, ms: Math.max(0, Number(ms) || 0) });
    return id;
  };
  global.clearTimeout = function (id) {
    if (timers[id]) {
      delete timers[id];
      send({ t: "clear", id: id });
    }
  };
  global.setInterval = function () {
    throw new Error("setInterval: not needed by the scenario, so not bridged");
  };
  global.setImmediate = function (callback) {
    var args = Array.prototype.slice.call(arguments, 1);
    return global.setTimeout(function () {
      callback.apply(undefined, args);
    }, 0);
  };
  global.clearImmediate = global.clearTimeout;
  global.queueMicrotask = function (callback) {
    Promise.resolve().then(callback);
  };
  global.performance = { now: function () { return Date.now(); } };

  // React Native's XMLHttpRequest over the host: only what whatwg-fetch uses. No responseType: text bodies.
  function XMLHttpRequest() {
    this.readyState = 0;
    this.status = 0;
    this.statusText = "";
    this.responseText = "";
    this.responseURL = "";
    this.withCredentials = false;
    this.timeout = 0;
    this.onload = this.onerror = this.onabort = this.ontimeout = this.onreadystatechange = null;
    this._headers = {};
    this._responseHeaders = [];
    this._done = false;
  }
  XMLHttpRequest.UNSENT = 0;
  XMLHttpRequest.OPENED = 1;
  XMLHttpRequest.HEADERS_RECEIVED = 2;
  XMLHttpRequest.LOADING = 3;
  XMLHttpRequest.DONE = 4;
  XMLHttpRequest.prototype.open = function (method, url) {
    this._method = String(method).toUpperCase();
    this._url = String(url);
    this._state(1);
  };
  XMLHttpRequest.prototype.setRequestHeader = function (name, value) {
    var key = String(name).toLowerCase();
    this._headers[key] = key in this._headers ? this._headers[key] + ", " + value : String(value);
  };
  XMLHttpRequest.prototype.getAllResponseHeaders = function () {
    return this._responseHeaders.map(function (pair) { return pair[0] + ": " + pair[1] + "\r\n"; }).join("");
  };
  XMLHttpRequest.prototype.getResponseHeader = function (name) {
    var wanted = String(name).toLowerCase();
    var values = this._responseHeaders.filter(function (pair) { return pair[0].toLowerCase() === wanted; }).map(function (pair) { return pair[1]; });
    return values.length === 0 ? null : values.join(", ");
  };
  XMLHttpRequest.prototype.send = function (body) {
    // React Native's convertRequestBody: a string is sent; anything else but bytes is dropped (bytes are not needed here).
    var id = nextId++;
    this._id = id;
    exchanges[id] = this;
    send({ t: "xhr", id: id, method: this._method, url: this._url, headers: this._headers, body: typeof body === "string" ? body : null });
  };
  XMLHttpRequest.prototype.abort = function () {
    if (this._done) return;
    delete exchanges[this._id];
    send({ t: "xhr-abort", id: this._id });
    this._finish("onabort");
  };
  XMLHttpRequest.prototype._state = function (state) {
    this.readyState = state;
    if (this.onreadystatechange) this.onreadystatechange();
  };
  XMLHttpRequest.prototype._finish = function (handler) {
    if (this._done) return;
    this._done = true;
    this._state(4);
    if (this[handler]) this[handler]();
  };
  global.XMLHttpRequest = XMLHttpRequest;

  // The "webcrypto" variant: crypto over the host's WebCrypto, standing in for react-native-quick-crypto (native
  // code there too). getRandomValues is synchronous, so it draws on random bytes the host sends first.
  var randomPool = [];
  var subtleCalls = {};
  var callSubtle = function (op, args) {
    var id = nextId++;
    return new Promise(function (resolve, reject) {
      subtleCalls[id] = { resolve: resolve, reject: reject };
      send({ t: "subtle", id: id, op: op, args: args });
    });
  };
  var keyOf = function (described) {
    var key = { type: described.type, extractable: described.extractable, algorithm: described.algorithm, usages: described.usages };
    Object.defineProperty(key, "__handle", { value: described.handle });
    Object.defineProperty(key, Symbol.toStringTag, { value: "CryptoKey" });
    return key;
  };
  var installCrypto = function () {
    global.crypto = {
      getRandomValues: function (array) {
        var bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
        if (randomPool.length < bytes.length) throw new Error("the bridge's random pool ran dry");
        for (var i = 0; i < bytes.length; i++) bytes[i] = randomPool.pop();
        return array;
      },
      subtle: {
        importKey: function (format, keyData, algorithm, extractable, usages) {
          var data = format === "jwk" ? keyData : toBase64(keyData);
          return callSubtle("importKey", [format, data, algorithm, extractable, usages]).then(keyOf);
        },
        sign: function (algorithm, key, data) {
          return callSubtle("sign", [algorithm, key.__handle, toBase64(data)]).then(fromBase64);
        },
        verify: function (algorithm, key, signature, data) {
          return callSubtle("verify", [algorithm, key.__handle, toBase64(signature), toBase64(data)]);
        },
        digest: function (algorithm, data) {
          return callSubtle("digest", [algorithm, toBase64(data)]).then(fromBase64);
        },
      },
    };
  };

  global.__bridge = {
    webcrypto: function (randomBase64) {
      var bytes = new Uint8Array(fromBase64(randomBase64));
      for (var i = 0; i < bytes.length; i++) randomPool.push(bytes[i]);
      installCrypto();
    },
    deliver: function (message) {
      if (message.t === "subtle") {
        var call = subtleCalls[message.id];
        delete subtleCalls[message.id];
        if (message.error) call.reject(new Error(message.error));
        else call.resolve(message.value);
        return;
      }
      if (message.t === "timer") {
        var callback = timers[message.id];
        delete timers[message.id];
        if (callback) callback();
      } else if (message.t === "xhr") {
        var xhr = exchanges[message.id];
        delete exchanges[message.id];
        if (!xhr || xhr._done) return;
        if (message.error) return xhr._finish("onerror");
        xhr.status = message.status;
        xhr.statusText = message.statusText;
        xhr.responseURL = xhr._url;
        xhr._responseHeaders = message.headers;
        xhr._state(2);
        xhr.responseText = message.text;
        xhr._finish("onload");
      }
    },
    run: function (input) {
      __auth0Scenario.default.run(input).then(
        function (result) {
          var missing = ["TextEncoder", "TextDecoder", "atob", "btoa", "crypto", "structuredClone", "ReadableStream", "Blob", "EventTarget", "process", "Buffer", "require"];
          result.globals.missing = missing.filter(function (name) { return typeof global[name] === "undefined"; });
          result.globals.abortSignalAny = typeof AbortSignal.any;
          send({ t: "done", result: result });
        },
        function (error) {
          send({ t: "failed", error: String((error && error.stack) || error) });
        }
      );
    },
  };

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  function toBase64(data) {
    var bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    var out = "";
    for (var i = 0; i < bytes.length; i += 3) {
      var a = bytes[i], b = i + 1 < bytes.length ? bytes[i + 1] : -1, c = i + 2 < bytes.length ? bytes[i + 2] : -1;
      out += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | (b < 0 ? 0 : b >> 4)];
      out += b < 0 ? "=" : ALPHABET[((b & 15) << 2) | (c < 0 ? 0 : c >> 6)];
      out += c < 0 ? "=" : ALPHABET[c & 63];
    }
    return out;
  }
  function fromBase64(text) {
    var clean = text.replace(/=+$/, "");
    var bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
    var bits = 0, value = 0, at = 0;
    for (var i = 0; i < clean.length; i++) {
      value = (value << 6) | ALPHABET.indexOf(clean[i]);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        bytes[at++] = (value >> bits) & 255;
      }
    }
    return bytes.buffer;
  }

  function safeJson(value) {
    try {
      return JSON.stringify(value);
    } catch (error) {
      return String(value);
    }
  }
})(this);
