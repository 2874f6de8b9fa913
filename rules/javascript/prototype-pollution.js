import _ from "lodash";

export function merge(target, source) {
  for (const key in source) {
    if (typeof source[key] === "object" && source[key] !== null) {
      if (!target[key]) target[key] = {};
      // ruleid: javascript-prototype-pollution-loop-assignment
      target[key] = merge(target[key], source[key]);
    } else {
      // ruleid: javascript-prototype-pollution-loop-assignment
      target[key] = source[key];
    }
  }
  return target;
}

export function applySettings(settings, body) {
  for (const [name, value] of Object.entries(body)) {
    // ruleid: javascript-prototype-pollution-loop-assignment
    settings[name] = value;
  }
  return settings;
}

export function copySafe(target, source) {
  for (const key of Object.keys(source)) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    // ok: javascript-prototype-pollution-loop-assignment
    target[key] = source[key];
  }
  return target;
}

export function toDictionary(source) {
  const dict = Object.create(null);
  for (const key in source) {
    // ok: javascript-prototype-pollution-loop-assignment
    dict[key] = source[key];
  }
  return dict;
}

export function counts(words) {
  const result = {};
  for (const word of words) {
    // ok: javascript-prototype-pollution-loop-assignment
    result[word] = (result[word] || 0) + 1;
  }
  return result;
}

export function updateProfile(req, res, user) {
  // ruleid: javascript-merge-request-into-object
  _.merge(user, req.body);
  // ruleid: javascript-merge-request-into-object
  const filters = Object.assign({}, req.query);
  res.json({ user, filters });
}

export function updateProfileSafe(req, res, user) {
  const { name, email } = req.body;
  // ok: javascript-merge-request-into-object
  Object.assign(user, { name, email });
  // ok: javascript-merge-request-into-object
  const fields = _.pick(req.body, ["name", "email"]);
  res.json({ user, fields });
}
