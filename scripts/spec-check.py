#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""spec-check: the netlink spec, the uapi header and the kernel agree.

  spec-check.py [--spec S] [--uapi H] [--netlink-c C]
      host side (`make spec-check`):
      1. the spec validates against the kernel's genetlink-legacy schema;
      2. ynl-gen-c.py --mode uapi renders a header from the spec, and every
         name in it has the same value as in the real uapi header (both
         compiled by the C compiler, so implicit enum values count), and no
         name of the real header is missing from the spec;
      3. the policy and ops tables in kmod/netlink.c accept exactly the
         attributes the spec's requests use, with the spec's types, and
         serve the do/dump modes the spec lists.

Prints one line per problem and exits 1 when there is any.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KSFT = os.path.join(TOP, '.cache', 'kselftest')
SCHEMA = os.path.join(KSFT, 'Documentation', 'netlink', 'genetlink-legacy.yaml')
YNL_GEN = os.path.join(KSFT, 'tools', 'net', 'ynl', 'ynl-gen-c.py')

problems = []


def bad(msg):
    problems.append(msg)
    print('spec-check: ' + msg)


def c_upper(name):
    return name.upper().replace('-', '_')


def load_spec(path):
    import yaml
    with open(path) as f:
        return yaml.safe_load(f)


def validate_schema(spec):
    import yaml
    import jsonschema  # a missing module is a failure, not a skip
    with open(SCHEMA) as f:
        schema = yaml.safe_load(f)
    try:
        jsonschema.validate(spec, schema)
    except jsonschema.ValidationError as e:
        bad(f'schema: {e.message} at {"/".join(map(str, e.absolute_path))}')


def gen_uapi(spec_path, tmp):
    # ynl-gen-c looks for the kernel tree (MAINTAINERS) above the spec and
    # for the schema next to specs/: give it that layout.
    specs = os.path.join(tmp, 'Documentation', 'netlink', 'specs')
    os.makedirs(specs)
    open(os.path.join(tmp, 'MAINTAINERS'), 'w').close()
    shutil.copy(SCHEMA, os.path.dirname(specs))
    shutil.copy(spec_path, os.path.join(specs, 'nvswitch.yaml'))
    out = os.path.join(tmp, 'gen', 'linux', 'nvswitch.h')
    os.makedirs(os.path.dirname(out))
    subprocess.run([sys.executable, YNL_GEN, '--mode', 'uapi', '--header',
                    '--spec', os.path.join(specs, 'nvswitch.yaml'), '-o', out],
                   check=True, timeout=120)
    return out


def header_names(path):
    """Every enumerator and object-like macro a header defines."""
    with open(path) as f:
        text = re.sub(r'/\*.*?\*/', '', f.read(), flags=re.S)
    names = set(re.findall(r'^\s*#define\s+([A-Z_][A-Z0-9_]*)\s+\S', text, re.M))
    for body in re.findall(r'\benum\b[^{;]*\{(.*?)\}', text, re.S):
        names.update(re.findall(r'^\s*([A-Za-z_]\w*)\s*(?:=[^,]*)?,?\s*$',
                                body, re.M))
    return {n for n in names if not n.startswith('_UAPI_')}


def values(header, names, tmp, tag):
    """name -> value as the compiler sees it in header."""
    src = os.path.join(tmp, f'dump-{tag}.c')
    exe = os.path.join(tmp, f'dump-{tag}')
    with open(src, 'w') as f:
        f.write(f'#include <stdio.h>\n#include "{header}"\n')
        f.write('#define P(x) _Generic((x) + 0, char *: printf("%s \\"%s\\"\\n", #x, (char *)(long)(x)), '
                'default: printf("%s %lld\\n", #x, (long long)(x)))\n')
        f.write('int main(void)\n{\n')
        for n in sorted(names):
            f.write(f'\tP({n});\n')
        f.write('\treturn 0;\n}\n')
    subprocess.run(['cc', '-std=gnu11', '-Wall', '-Werror', '-Wno-int-to-pointer-cast',
                    '-o', exe, src], check=True)
    out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
    return dict(line.split(' ', 1) for line in out.splitlines())


def check_uapi(spec, spec_path, uapi):
    tmp = tempfile.mkdtemp(prefix='nvsw-spec-check.')
    try:
        gen = gen_uapi(spec_path, tmp)
        real, made = header_names(uapi), header_names(gen)
        vreal = values(os.path.abspath(uapi), real, tmp, 'uapi')
        vmade = values(gen, made, tmp, 'spec')
    finally:
        shutil.rmtree(tmp)

    vsid = next(a for a in spec['attribute-sets'][0]['attributes']
                if a['name'] == 'vsid')['checks']
    for n in sorted(real - made):
        if n.endswith('_UNSPEC'):
            # Value 0 of a space that starts at 1: the spec leaves it out.
            if vreal[n] != '0':
                bad(f'{n} is {vreal[n]} in the uapi header, must be 0')
        elif n.lstrip('_').startswith('IFLA_NVSW_'):
            pass  # rtnetlink's IFLA_INFO_DATA: not the genetlink family
        elif n == 'NVSW_VSID_MIN':
            if vreal[n] != str(vsid['min']):
                bad(f'{n} is {vreal[n]}, the spec checks vsid min: {vsid["min"]}')
        elif n == 'NVSW_VSID_MAX':
            if vreal[n] != str(vsid['max']):
                bad(f'{n} is {vreal[n]}, the spec checks vsid max: {vsid["max"]}')
        else:
            bad(f'{n} (= {vreal[n]}) is in the uapi header but not in the spec')
    for n in sorted(made - real):
        base = n[:-len('_NTF')] if n.endswith('_NTF') else None
        if base and base in real:
            if vmade[n] != vreal[base]:
                bad(f'spec notification {n} is {vmade[n]}, but {base} is {vreal[base]}')
        else:
            bad(f'{n} (= {vmade[n]}) is in the spec but not in the uapi header')
    for n in sorted(real & made):
        if vreal[n] != vmade[n]:
            bad(f'{n} is {vreal[n]} in the uapi header but {vmade[n]} in the spec')
    return len(real & made)


def spec_attrs(spec):
    return {a['name']: a for a in spec['attribute-sets'][0]['attributes']}


def request_attrs(spec):
    names = set()
    for op in spec['operations']['list']:
        for mode in ('do', 'dump'):
            names.update(op.get(mode, {}).get('request', {}).get('attributes', []))
    return names


def spec_policy(a):
    """What NLA_* policy the kernel needs for spec attribute a."""
    t = a['type']
    checks = a.get('checks', {})
    if t == 'u32' and a.get('byte-order') == 'big-endian':
        return 'NLA_BE32'
    if t in ('u8', 'u16', 'u32', 'u64'):
        return 'NLA_' + t.upper()
    if t == 'string':
        return f'NLA_NUL_STRING/{checks.get("max-len")}'
    if t == 'binary' and checks.get('exact-len') == 6:
        return 'ETH_ADDR'
    if t == 'flag':
        return 'NLA_FLAG'
    if t == 'binary' and 'exact-len' in checks:
        return f'EXACT_LEN/{checks["exact-len"]}'
    return t


def kernel_policy(netlink_c):
    """kmod/netlink.c's nvsw_policy: uapi name -> NLA_* (NLA_REJECT too)."""
    with open(netlink_c) as f:
        text = f.read()
    m = re.search(r'nvsw_policy\[[^]]*\]\s*=\s*\{(.*?)\n\};', text, re.S)
    if not m:
        bad(f'{netlink_c}: no nvsw_policy table')
        return {}, text
    pol = {}
    for name, body in re.findall(r'\[(NVSW_A_\w+)\]\s*=\s*(\{.*?\}|NLA_POLICY_EXACT_LEN\(.*?\)\)?,|NLA_POLICY_\w+|REPLY_ONLY)', m.group(1), re.S):
        if body == 'NLA_POLICY_ETH_ADDR':
            pol[name] = 'ETH_ADDR'
            continue
        if body.startswith('NLA_POLICY_EXACT_LEN('):
            ln = body[len('NLA_POLICY_EXACT_LEN('):].rstrip(',')[:-1].strip()
            pol[name] = 'EXACT_LEN/' + str({'sizeof(struct in6_addr)': 16}.get(ln, ln))
            continue
        if body == 'REPLY_ONLY':
            pol[name] = 'NLA_REJECT'
            continue
        typ = re.search(r'\.type\s*=\s*(NLA_\w+)', body).group(1)
        ln = re.search(r'\.len\s*=\s*([^,}\n]+)', body)
        if typ in ('NLA_NUL_STRING', 'NLA_STRING'):
            ln = ln.group(1).strip() if ln else None
            typ += '/' + str({'IFNAMSIZ - 1': 15}.get(ln, ln))
        pol[name] = typ
    return pol, text


def check_kernel_source(spec, netlink_c):
    attrs = spec_attrs(spec)
    req = request_attrs(spec)
    pol, text = kernel_policy(netlink_c)
    for name, a in attrs.items():
        cname = 'NVSW_A_' + c_upper(name)
        kp = pol.get(cname, 'NLA_UNSPEC')
        if name in req:
            if kp != spec_policy(a):
                bad(f'{netlink_c}: {cname} is {kp}, the spec says {a["type"]} ({spec_policy(a)})')
        elif kp not in ('NLA_REJECT', 'NLA_UNSPEC'):
            bad(f'{netlink_c}: {cname} is accepted ({kp}), the spec uses it in no request')
    # Ops: the modes each command serves, and who may run it.
    ops = {}
    m = re.search(r'nvsw_genl_ops\[\]\s*=\s*\{(.*?)\n\};', text, re.S)
    for body in re.findall(r'\{(.*?)\}', m.group(1) if m else '', re.S):
        cmd = re.search(r'\.cmd\s*=\s*(NVSW_CMD_\w+)', body)
        if cmd:
            ops[cmd.group(1)] = body
    for op in spec['operations']['list']:
        cname = 'NVSW_CMD_' + c_upper(op['name'])
        body = ops.pop(cname, None)
        if 'do' not in op and 'dump' not in op:
            if body is not None:
                bad(f'{netlink_c}: {cname} is served, the spec says notification only')
            continue
        if body is None:
            bad(f'{netlink_c}: no op for {cname}')
            continue
        for mode, field in (('do', '.doit'), ('dump', '.dumpit')):
            if (mode in op) != (field in body):
                bad(f'{netlink_c}: {cname} {"has" if field in body else "lacks"} {field}, '
                    f'the spec {"lists" if mode in op else "has no"} {mode}')
        if 'uns-admin-perm' in op.get('flags', []) and \
           not re.search(r'\.flags\s*=\s*(ADMIN|GENL_UNS_ADMIN_PERM)', body):
            bad(f'{netlink_c}: {cname} lacks GENL_UNS_ADMIN_PERM')
    for cname in ops:
        bad(f'{netlink_c}: {cname} is served but not in the spec')


# nlctrl's attribute types as the kernel reports them, per spec policy.
DUMP_TYPE = {
    'NLA_U8': ('u8', None, None), 'NLA_U16': ('u16', None, None),
    'NLA_U32': ('u32', None, None), 'NLA_U64': ('u64', None, None),
    'NLA_BE32': ('u32', None, None),
    'ETH_ADDR': ('binary', 6, 6),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--spec', default=os.path.join(TOP, 'Documentation/netlink/specs/nvswitch.yaml'))
    ap.add_argument('--uapi', default=os.path.join(TOP, 'include/uapi/linux/nvswitch.h'))
    ap.add_argument('--netlink-c', default=os.path.join(TOP, 'kmod/netlink.c'))
    args = ap.parse_args()

    spec = load_spec(args.spec)
    validate_schema(spec)
    if problems:  # the generator would only repeat it, at length
        print('spec-check: FAIL, the spec does not match its schema')
        return 1
    n = check_uapi(spec, args.spec, args.uapi)
    check_kernel_source(spec, args.netlink_c)
    what = f'schema, {n} uapi names, kmod/netlink.c policy and ops'
    if problems:
        print(f'spec-check: FAIL, {len(problems)} problems')
        return 1
    print(f'spec-check: OK ({what})')
    return 0


if __name__ == '__main__':
    sys.exit(main())
