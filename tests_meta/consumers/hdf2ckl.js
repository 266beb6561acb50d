#!/usr/bin/env node
// Converts a Heimdall Data Format file to a DISA STIG Viewer checklist (CKL) with MITRE's own
// converter, as `saf convert hdf2ckl` does. Usage: node hdf2ckl.js IN.json OUT.ckl
'use strict';
const fs = require('fs');
const { ChecklistResults } = require('@mitre/hdf-converters');

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node hdf2ckl.js IN.json OUT.ckl');
  process.exit(2);
}
const hdf = JSON.parse(fs.readFileSync(input, 'utf8'));
fs.writeFileSync(output, new ChecklistResults(hdf).toCkl());
