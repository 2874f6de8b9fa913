import vm from "node:vm";

export function calculate(req, res) {
  // ruleid: javascript-eval-dynamic
  const result = eval(req.body.expression);
  res.json({ result });
}

export function compileRule(rule) {
  // ruleid: javascript-eval-dynamic
  return new Function("record", `return ${rule.condition};`);
}

export function runPlugin(source, sandbox) {
  // ruleid: javascript-eval-dynamic
  return vm.runInNewContext(source, sandbox);
}

export function parseConfig(text) {
  // ok: javascript-eval-dynamic
  return JSON.parse(text);
}

export function add() {
  // ok: javascript-eval-dynamic
  return new Function("a", "b", "return a + b");
}

export function twelve() {
  // ok: javascript-eval-dynamic
  return eval("6 * 2");
}

export function greetLater(name) {
  // ruleid: javascript-settimeout-string
  setTimeout("showGreeting('" + name + "')", 1000);
}

export function poll(endpoint) {
  // ruleid: javascript-settimeout-string
  return window.setInterval(`refresh("${endpoint}")`, 5000);
}

export function greetLaterSafe(name) {
  // ok: javascript-settimeout-string
  setTimeout(() => showGreeting(name), 1000);
}

export function pollSafe(refresh) {
  // ok: javascript-settimeout-string
  return setInterval(refresh, 5000);
}

function showGreeting(name) {
  return name;
}
