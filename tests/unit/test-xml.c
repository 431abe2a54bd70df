/* test-xml.c: the XML reader for AWS's answers: elements, attributes, entities, CDATA,
 * namespaces; and what it refuses (DOCTYPE, mismatched tags, unknown entities, depth) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "aws/xml.h"

static struct ys_xdoc *parse_ok(const char *s)
{
	struct ys_xdoc *d = NULL;
	struct ys_error err = {0};

	assert_int_equal(ys_xml_parse(s, strlen(s), &d, &err), 0);
	return d;
}

static void refused(const char *s, const char *why)
{
	struct ys_xdoc *d = NULL;
	struct ys_error err = {0};

	assert_int_equal(ys_xml_parse(s, strlen(s), &d, &err), YS_EPARSE);
	assert_null(d);
	assert_non_null(strstr(err.msg, why));
}

static void an_answer(void **state)
{
	struct ys_xdoc *d = parse_ok(
		"\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<GetUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n"
		"  <GetUserResult><User><UserName>a&amp;b &lt;c&gt; &#x263A;&#65;</UserName>"
		"<Tags/><!-- a comment --><Path><![CDATA[/x<y>/]]></Path></User></GetUserResult>\n"
		"  <ResponseMetadata><RequestId>7a62c49f</RequestId></ResponseMetadata>\n"
		"</GetUserResponse>\n");
	const struct ys_xnode *r = ys_xml_root(d), *u;

	(void)state;
	assert_string_equal(r->name, "GetUserResponse");
	assert_string_equal(ys_xml_attr(r, "xmlns"), "https://iam.amazonaws.com/doc/2010-05-08/");
	u = ys_xml_child(ys_xml_child(r, "GetUserResult"), "User");
	assert_string_equal(ys_xml_child(u, "UserName")->text, "a&b <c> \xe2\x98\xba" "A");
	assert_string_equal(ys_xml_child(u, "Path")->text, "/x<y>/");
	assert_non_null(ys_xml_child(u, "Tags"));
	assert_null(ys_xml_child(u, "Tags")->child);
	assert_null(ys_xml_child(u, "Missing"));
	assert_string_equal(ys_xml_child(ys_xml_child(r, "ResponseMetadata"), "RequestId")->text,
			    "7a62c49f");
	ys_xml_free(d);
}

static void attributes_and_prefixes(void **state)
{
	struct ys_xdoc *d = parse_ok(
		"<AccessControlPolicy><AccessControlList><Grant>"
		"<Grantee xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:type=\"Group\">"
		"<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee>"
		"<Permission>READ</Permission></Grant><Grant><Grantee xsi:type='CanonicalUser'/>"
		"</Grant></AccessControlList></AccessControlPolicy>");
	const struct ys_xnode *acl = ys_xml_child(ys_xml_root(d), "AccessControlList");
	const struct ys_xnode *g = ys_xml_child(acl->child, "Grantee");

	(void)state;
	assert_string_equal(ys_xml_attr(g, "xsi:type"), "Group");
	assert_string_equal(ys_xml_local("xsi:type"), "type");
	assert_string_equal(ys_xml_attr(ys_xml_child(acl->child->next, "Grantee"), "xsi:type"),
			    "CanonicalUser");
	assert_ptr_equal(acl->last, acl->child->next);
	ys_xml_free(d);
}

static void what_it_refuses(void **state)
{
	char deep[4096];
	size_t i, n = 0;

	(void)state;
	refused("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>", "DOCTYPE");
	refused("<a><b></a></b>", "end tag does not match");
	refused("<a>&nope;</a>", "unknown entity");
	refused("<a>&#0;</a>", "unknown entity");
	refused("<a>&#xD800;</a>", "unknown entity");
	refused("<a x=1/>", "not quoted");
	refused("<a>text", "unterminated element");
	refused("<a/><b/>", "data after the root element");
	refused("", "expected an element");
	refused("<a><![CDATA[x</a>", "unterminated CDATA");
	for (i = 0; i <= YS_XML_MAX_DEPTH + 1; i++)
		n += (size_t)snprintf(deep + n, sizeof(deep) - n, "<a>");
	refused(deep, "nested too deeply");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_answer),
		cmocka_unit_test(attributes_and_prefixes),
		cmocka_unit_test(what_it_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
