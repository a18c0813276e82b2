// SPDX-License-Identifier: GPL-2.0
/*
 * The objects of the desired state that are plain records: hosts and their
 * PAs, virtual subnets (VSIDs) with their BUM settings, routing domains,
 * vsubnets (prefixes of a VSID in a routing domain) and customer routes.
 * Each is a table of fields (schema.h) and a usage text; VMs, which keep an
 * index and move between hosts, are in vm.c.
 */
#include <stdio.h>

#include "fleet.h"
#include "schema.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* --- host ------------------------------------------------------------------ */

static const struct field host_fields[] = {
	{ "HOST", "name", V_NAME, FL_POS | FL_ID | FL_REQ, NULL },
	{ "pa", "pas", V_ADDR, FL_MULTI | FL_REQ, NULL },
	{ "switch", "switch", V_IFNAME, 0, NULL },
};

static const struct refby host_refby[] = {
	{ "vms/", "host", "vm" },
};

static const char host_usage[] =
	"Usage: " PROG_NAME " host add HOST pa ADDR [pa ADDR]... [switch IFNAME]\n"
	"       " PROG_NAME " host replace HOST pa ADDR [pa ADDR]... [switch IFNAME]\n"
	"       " PROG_NAME " host del HOST\n"
	"       " PROG_NAME " host show [HOST] [pa ADDR]\n"
	"\n"
	"A hypervisor and its provider addresses (PAs, IPv4 or IPv6) on the\n"
	"underlay; switch names the nvswitch device its agent manages (the\n"
	"agent's default when not given). A host is deleted only when no VM is\n"
	"on it. HOST: 1-63 letters, digits, '.', '_' or '-'.\n";

const struct objtype host_type = {
	.name = "host", .dir = "hosts/",
	.fields = host_fields, .n_fields = N(host_fields),
	.refby = host_refby, .n_refby = N(host_refby),
	.replace = true, .usage = host_usage,
};

/* --- vsid ------------------------------------------------------------------ */

static const struct field vsid_fields[] = {
	{ "VSID", "vsid", V_VSID, FL_POS | FL_ID | FL_REQ, NULL },
	{ "bum", "bum", V_BUM, 0, NULL },
	{ "rate", "rate", V_RATE, 0, NULL },
	{ "name", "name", V_LABEL, 0, NULL },
};

static const struct refby vsid_refby[] = {
	{ "vms/", "vsid", "vm" },
	{ "vsubnets/", "vsid", "vsubnet" },
	{ "routes/", "vsid", "route" },
};

static const char vsid_usage[] =
	"Usage: " PROG_NAME " vsid add VSID [bum drop|replicate] [rate N] [name TEXT]\n"
	"       " PROG_NAME " vsid replace VSID [bum drop|replicate] [rate N] [name TEXT]\n"
	"       " PROG_NAME " vsid del VSID\n"
	"       " PROG_NAME " vsid show [VSID] [bum drop|replicate]\n"
	"\n"
	"A virtual subnet: VSID " UAPI_STR(NVSWITCH_VSID_MIN) "-" UAPI_STR(NVSWITCH_VSID_MAX)
	". bum: what its switches do with\n"
	"broadcast, unknown unicast and multicast (replicate: to every host with\n"
	"a port in it), at most rate frames per second (1-" UAPI_STR(NVSWITCH_BUM_RATE_MAX)
	") per switch.\n"
	"Unset, each switch keeps its default. A VSID is deleted only when no\n"
	"VM, vsubnet or route names it.\n";

const struct objtype vsid_type = {
	.name = "vsid", .dir = "vsids/",
	.fields = vsid_fields, .n_fields = N(vsid_fields),
	.refby = vsid_refby, .n_refby = N(vsid_refby),
	.replace = true, .usage = vsid_usage,
};

/* --- rdomain --------------------------------------------------------------- */

static const struct field rdomain_fields[] = {
	{ "RDID", "rdid", V_RDID, FL_POS | FL_ID | FL_REQ, NULL },
	{ "name", "name", V_LABEL, 0, NULL },
};

static const struct refby rdomain_refby[] = {
	{ "vsubnets/", "rdid", "vsubnet" },
	{ "routes/", "rdid", "route" },
};

static const char rdomain_usage[] =
	"Usage: " PROG_NAME " rdomain add RDID [name TEXT]\n"
	"       " PROG_NAME " rdomain replace RDID [name TEXT]\n"
	"       " PROG_NAME " rdomain del RDID\n"
	"       " PROG_NAME " rdomain show [RDID]\n"
	"\n"
	"A routing domain (a tenant's VM network): RDID 1-4294967295. Its\n"
	"vsubnets route between each other. Deleted only when no vsubnet or\n"
	"route names it.\n";

const struct objtype rdomain_type = {
	.name = "rdomain", .dir = "rdomains/",
	.fields = rdomain_fields, .n_fields = N(rdomain_fields),
	.refby = rdomain_refby, .n_refby = N(rdomain_refby),
	.replace = true, .usage = rdomain_usage,
};

/* --- vsubnet --------------------------------------------------------------- */

static const struct field vsubnet_fields[] = {
	{ "vsid", "vsid", V_VSID, FL_ID | FL_REQ, "vsids/" },
	{ "prefix", "prefix", V_SUBNET, FL_ID | FL_REQ, NULL },
	{ "rdid", "rdid", V_RDID, FL_REQ, "rdomains/" },
	{ "gateway", "gateway", V_ADDR, 0, NULL },
};

static const char vsubnet_usage[] =
	"Usage: " PROG_NAME " vsubnet add vsid VSID prefix CIDR rdid RDID [gateway ADDR]\n"
	"       " PROG_NAME " vsubnet replace vsid VSID prefix CIDR rdid RDID [gateway ADDR]\n"
	"       " PROG_NAME " vsubnet del vsid VSID prefix CIDR\n"
	"       " PROG_NAME " vsubnet show [vsid VSID] [rdid RDID]\n"
	"\n"
	"A prefix of virtual subnet VSID (IPv4 /1 to /" UAPI_STR(NVSWITCH_VSUBNET_LEN4_MAX)
	", IPv6 /1 to /" UAPI_STR(NVSWITCH_VSUBNET_LEN6_MAX) "), in\n"
	"routing domain RDID, with the address VMs use as their default\n"
	"gateway. The VSID and the routing domain must exist.\n";

const struct objtype vsubnet_type = {
	.name = "vsubnet", .dir = "vsubnets/",
	.fields = vsubnet_fields, .n_fields = N(vsubnet_fields),
	.replace = true, .usage = vsubnet_usage,
};

/* --- route ----------------------------------------------------------------- */

static const struct field route_fields[] = {
	{ "rdid", "rdid", V_RDID, FL_ID | FL_REQ, "rdomains/" },
	{ "vsid", "vsid", V_VSID, FL_OPT_ID, "vsids/" },
	{ "prefix", "prefix", V_PREFIX, FL_ID | FL_REQ, NULL },
	{ "nexthop", "nexthop", V_ADDR, FL_ID | FL_REQ, NULL },
	{ "metric", "metric", V_U32, 0, NULL },
};

static const char route_usage[] =
	"Usage: " PROG_NAME " route add rdid RDID [vsid VSID] prefix CIDR nexthop ADDR [metric N]\n"
	"       " PROG_NAME " route replace rdid RDID [vsid VSID] prefix CIDR nexthop ADDR [metric N]\n"
	"       " PROG_NAME " route del rdid RDID [vsid VSID] prefix CIDR nexthop ADDR\n"
	"       " PROG_NAME " route show [rdid RDID] [vsid VSID]\n"
	"\n"
	"A customer route of routing domain RDID (with vsid, only for what that\n"
	"subnet's VMs send), as nvswitchctl route add installs it on each host.\n";

const struct objtype route_type = {
	.name = "route", .dir = "routes/",
	.fields = route_fields, .n_fields = N(route_fields),
	.replace = true, .usage = route_usage,
};

/* --- the commands, the same for each -------------------------------------- */

/* The object obj_run() runs a command on, for the functions of the table. */
static const struct objtype *current;

static int cmd_show(int argc, char **argv)
{
	return obj_show(current, argc, argv);
}

static int cmd_add(int argc, char **argv)
{
	return obj_add(current, argc, argv, false);
}

/*
 * The commands not every object has are in the table all the same, so that
 * a prefix means the same on each; argv[-1] is the word as typed.
 */
static int cmd_replace(int argc, char **argv)
{
	if (!current->replace)
		return unknown_command(argv[-1], current->name);
	return obj_add(current, argc, argv, true);
}

static int cmd_move(int argc, char **argv)
{
	if (!current->move)
		return unknown_command(argv[-1], current->name);
	return current->move(argc, argv);
}

static int cmd_del(int argc, char **argv)
{
	return obj_del(current, argc, argv);
}

/* Read-only first: a short prefix never changes anything by surprise. */
static const struct command obj_cmds[] = {
	{ "show", cmd_show, NULL },
	{ "list", cmd_show, NULL },
	{ "add", cmd_add, NULL },
	{ "replace", cmd_replace, NULL },
	{ "move", cmd_move, NULL },
	{ "del", cmd_del, NULL },
	{ "delete", cmd_del, NULL },
	{ NULL, NULL, NULL },
};

int obj_run(const struct objtype *ot, int argc, char **argv)
{
	current = ot;
	return dispatch(obj_cmds, ot->name, ot->usage, argc, argv);
}
