#!/usr/bin/env node
// Writes, as a JSON Schema (draft 7), the HDF "exec-json" format that inspecjs checks a file against.
//
// inspecjs (the library Heimdall reads files with) validates an HDF file with a parser that quicktype
// generated from MITRE's exec-json schema: lib/generated_parsers/v_1_0/exec-json.js, whose `typeMap`
// names every object, its properties, which of them are optional (a union with undefined), which
// may be null, and the enumerations. This script turns that typeMap into the equivalent JSON Schema
// so that the self-tests can validate with Python's jsonschema and need no Node.js.
//
//   npm pack inspecjs@2.12.6 && tar xzf inspecjs-2.12.6.tgz
//   node derive-exec-json-schema.js package/lib/generated_parsers/v_1_0/exec-json.js > hdf-exec-json.schema.json
"use strict";
const fs = require("fs");

const source = fs.readFileSync(process.argv[2], "utf8");
// The module keeps typeMap private: evaluate it with stand-ins for its exports, then hand typeMap back.
const typeMap = new Function("exports", "require", `${source}\nreturn typeMap;`)({}, require);

function isOptional(typ) {
  return typeof typ === "object" && typ !== null && Array.isArray(typ.unionMembers) && typ.unionMembers.includes(undefined);
}

function schema(typ) {
  if (typ === "any") return {};
  if (typ === null) return { type: "null" };
  if (typ === "") return { type: "string" };
  if (typ === true || typ === false) return { type: "boolean" };
  if (typeof typ === "number") return { type: "number" };
  if (Array.isArray(typ)) return { type: "string", enum: [...typ] };
  if (typ.ref !== undefined) return { $ref: `#/definitions/${typ.ref}` };
  if (typ.arrayItems !== undefined) return { type: "array", items: schema(typ.arrayItems) };
  if (typ.unionMembers !== undefined) {
    const members = typ.unionMembers.filter((t) => t !== undefined).flatMap((t) => (t && t.unionMembers ? t.unionMembers : [t]));
    return members.length === 1 ? schema(members[0]) : { anyOf: members.map(schema) };
  }
  if (typ.props !== undefined) {
    const properties = {};
    const required = [];
    for (const p of typ.props) {
      properties[p.json] = schema(p.typ);
      if (!isOptional(p.typ)) required.push(p.json);
    }
    const additional = typ.additional === "any" ? true : typ.additional === false ? false : schema(typ.additional);
    return { type: "object", properties, required, additionalProperties: additional };
  }
  throw new Error(`unknown type in typeMap: ${JSON.stringify(typ)}`);
}

const definitions = {};
for (const [name, typ] of Object.entries(typeMap)) definitions[name] = schema(typ);
const out = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "HDF exec-json, as inspecjs 2.12.6 reads it",
  $ref: "#/definitions/ExecJSON",
  definitions,
};
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
