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

  global.__bridge = {
    deliver: function (message) {
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

  function safeJson(value) {
    try {
      return JSON.stringify(value);
    } catch (error) {
      return String(value);
    }
  }
})(this);
