#!/usr/bin/env python3
"""Checks an Undersigned delivery packet with nothing but Python 3's standard library.
Usage: python3 verify-packet.py packet.zip [published-manifest-sha256]   (exit 0 = OK, 1 = problems)"""
import hashlib, json, sys, zipfile

def sha(data): return hashlib.sha256(data).digest()

def root(leaves):  # RFC 6962 Merkle tree hash; split at the largest power of two below n
    if not leaves: return sha(b'')
    if len(leaves) == 1: return sha(b'\x00' + leaves[0])
    k = 1
    while k * 2 < len(leaves): k *= 2
    return sha(b'\x01' + root(leaves[:k]) + root(leaves[k:]))

problems = []
packet = zipfile.ZipFile(sys.argv[1])
names = packet.namelist()
raw = packet.read('manifest.json')
manifest = json.loads(raw)
print('manifest.json SHA-256:', hashlib.sha256(raw).hexdigest())
if len(sys.argv) > 2 and sys.argv[2].lower() != hashlib.sha256(raw).hexdigest():
    problems.append("manifest.json differs from the one published on the campaign's timeline")
listed = [f['name'] for f in manifest['files']]
for f in manifest['files']:
    if f['name'] not in names: problems.append(f"{f['name']} is missing from the packet"); continue
    data = packet.read(f['name'])
    if len(data) != f['bytes'] or hashlib.sha256(data).hexdigest() != f['sha256']:
        problems.append(f"{f['name']}: size or SHA-256 differs from the manifest")
problems += [f'{n} is not listed in the manifest' for n in names if n != 'manifest.json' and n not in listed]
if 'commitments.json' not in listed: problems.append('commitments.json is not listed in the manifest')
commitments = json.loads(packet.read('commitments.json')) if 'commitments.json' in names else []
counts, total = manifest['counts'], manifest['counts']['total']
if commitments != sorted(set(commitments)): problems.append('commitments.json is not sorted ascending without duplicates')
if not len(commitments) == manifest['commitments']['count'] == total:
    problems.append(f"commitments.json holds {len(commitments)}, commitments.count is {manifest['commitments']['count']}, counts.total is {total}")
for key in ('byKind', 'byCountry', 'bySource', 'byVisibility'):
    if sum(counts[key].values()) != total: problems.append(f'counts.{key} adds up to {sum(counts[key].values())}, not {total}')
if root([bytes.fromhex(c) for c in commitments]).hex() != manifest['signatureRoot']:
    problems.append("commitments.json: its Merkle root differs from the manifest's signatureRoot")
print('\n'.join(problems) or 'OK')
sys.exit(1 if problems else 0)
