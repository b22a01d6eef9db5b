"""ListUsers and ListUsersInGroup page correctly and at O(page) cost (over HTTP, real boto3)."""

from __future__ import annotations

import io
import json
import urllib.request
from collections import OrderedDict

import pytest
from botocore.exceptions import ClientError

from cogtui.sandbox.awsjson import find_user_pool
from cogtui.sandbox.bulk_users import generate_users
from tests.contract.own_pool import boto, own_pool


class CountingUsers(OrderedDict):
    """A pool's user store that counts full walks (what made each page cost O(position))."""

    walks = 0

    def values(self):
        type(self).walks += 1
        return super().values()


def fill(pool_id: str, count: int) -> list[str]:
    """``count`` users written straight into the in-process store, as the large seed does."""
    from moto.cognitoidp.models import CognitoIdpUser, UserStatus

    pool = find_user_pool(pool_id)
    specs = generate_users(count)
    pool.users = CountingUsers(
        (
            s.username,
            CognitoIdpUser(pool_id, s.username, s.password, UserStatus[s.status], s.attribute_list()),
        )
        for s in specs
    )
    return [s.username for s in specs]


def all_pages(idp, **kwargs) -> list[list[str]]:
    pages = []
    for page in idp.get_paginator("list_users").paginate(**kwargs):
        pages.append([u["Username"] for u in page["Users"]])
    return pages


def test_every_user_exactly_once_in_pool_order(sandbox):
    server, _ = sandbox
    pool = own_pool(server.endpoint_url)
    names = fill(pool.id, 1234)
    pages = all_pages(pool.idp, UserPoolId=pool.id, PaginationConfig={"PageSize": 60})
    assert [n for page in pages for n in page] == names
    assert [len(p) for p in pages] == [60] * 20 + [34]


def test_pages_do_not_walk_the_whole_pool(sandbox):
    server, _ = sandbox
    pool = own_pool(server.endpoint_url)
    fill(pool.id, 3000)
    first = pool.idp.list_users(UserPoolId=pool.id, Limit=60)
    CountingUsers.walks = 0
    token, seen = first["PaginationToken"], len(first["Users"])
    while token:
        page = pool.idp.list_users(UserPoolId=pool.id, Limit=60, PaginationToken=token)
        seen += len(page["Users"])
        token = page.get("PaginationToken")
    assert seen == 3000
    assert CountingUsers.walks == 0  # moto walked (and copied) every user for each of the 49 pages


def test_a_filter_pages_through_matches_only(sandbox):
    server, _ = sandbox
    pool = own_pool(server.endpoint_url)
    names = fill(pool.id, 600)
    expected = [n for n, s in zip(names, generate_users(600), strict=True) if s.status == "UNCONFIRMED"]
    pages = all_pages(
        pool.idp,
        UserPoolId=pool.id,
        Filter='cognito:user_status = "UNCONFIRMED"',
        PaginationConfig={"PageSize": 7},
    )
    assert [n for page in pages for n in page] == expected and all(pages)
    prefix = all_pages(pool.idp, UserPoolId=pool.id, Filter='username ^= "user001"')
    assert [n for page in prefix for n in page] == [f"user{i:05d}" for i in range(100, 200)]


def test_users_deleted_between_pages_are_skipped_not_repeated(sandbox):
    server, _ = sandbox
    pool = own_pool(server.endpoint_url)
    names = fill(pool.id, 200)
    first = pool.idp.list_users(UserPoolId=pool.id, Limit=50)
    for name in names[40:60]:
        pool.idp.admin_delete_user(UserPoolId=pool.id, Username=name)
    rest = all_pages(
        pool.idp,
        UserPoolId=pool.id,
        PaginationConfig={"StartingToken": first["PaginationToken"], "PageSize": 50},
    )
    listed = [u["Username"] for u in first["Users"]] + [n for page in rest for n in page]
    assert listed[50:] == names[60:] and len(set(listed)) == len(listed)


def test_list_users_in_group_pages(sandbox):
    server, _ = sandbox
    pool = own_pool(server.endpoint_url)
    pool.idp.create_group(UserPoolId=pool.id, GroupName="g")
    members = [pool.add_user(f"member{i:02d}") for i in range(7)]
    for name in members:
        pool.idp.admin_add_user_to_group(UserPoolId=pool.id, Username=name, GroupName="g")
    pool.add_user("outsider")
    listed = []
    for page in pool.idp.get_paginator("list_users_in_group").paginate(
        UserPoolId=pool.id, GroupName="g", PaginationConfig={"PageSize": 3}
    ):
        listed.append([u["Username"] for u in page["Users"]])
    assert listed == [members[0:3], members[3:6], members[6:7]]


def test_bad_filters_and_tokens_are_refused_as_cognito_words_them(sandbox):
    server, _ = sandbox
    pool = own_pool(server.endpoint_url)
    for kwargs, message in (
        ({"Filter": 'custom:x = "1"'}, "Invalid search attribute: custom:x"),
        ({"Filter": "email equals x"}, "Error while parsing filter"),
        ({"PaginationToken": "not-a-token"}, "Invalid pagination token."),
    ):
        with pytest.raises(ClientError) as caught:
            pool.idp.list_users(UserPoolId=pool.id, **kwargs)
        assert caught.value.response["Error"]["Code"] == "InvalidParameterException"
        assert caught.value.response["Error"]["Message"] == message


def moto_answer(endpoint_url: str, body: dict) -> dict:
    """What moto's own app (its model-driven serializer, no sandbox layers) answers to a ListUsers call."""
    from cogtui.sandbox.server import _build_moto_app

    raw = json.dumps(body).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": endpoint_url.rsplit(":", 1)[-1],
        "HTTP_HOST": endpoint_url.split("//", 1)[-1],
        "CONTENT_TYPE": "application/x-amz-json-1.1",
        "CONTENT_LENGTH": str(len(raw)),
        "HTTP_X_AMZ_TARGET": "AWSCognitoIdentityProviderService.ListUsers",
        "HTTP_AUTHORIZATION": "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/cognito-idp/aws4_request",
        "wsgi.input": io.BytesIO(raw),
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
    }
    return json.loads(b"".join(_build_moto_app()(environ, lambda *args: None)))


@pytest.mark.parametrize(
    "extra",
    [{}, {"AttributesToGet": ["email", "name"]}, {"Filter": 'status = "Enabled"', "Limit": 3}],
    ids=["all", "attributes-to-get", "filter"],
)
def test_pages_are_written_exactly_as_motos_serializer_writes_them(sandbox, extra):
    server, info = sandbox
    body = {"UserPoolId": info.pool("demo-app").id, "Limit": 5, **extra}
    ours = boto(server.endpoint_url).list_users(**body)
    ours.pop("ResponseMetadata")
    raw = urllib.request.urlopen(
        urllib.request.Request(
            server.endpoint_url,
            data=json.dumps(body).encode(),
            headers={
                "X-Amz-Target": "AWSCognitoIdentityProviderService.ListUsers",
                "Content-Type": "application/x-amz-json-1.1",
                "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/cognito-idp/aws4_request",
            },
        ),
        timeout=5,
    ).read()
    assert json.loads(raw) == moto_answer(server.endpoint_url, body)
    assert len(ours["Users"]) == min(5, body.get("Limit", 5)) and ours["Users"][0]["UserCreateDate"]


def test_bulk_users_are_the_users_moto_would_build(sandbox):
    """The large pool's fast path makes the same user objects as moto's constructor (ids and dates aside)."""
    from moto.cognitoidp.models import CognitoIdpUser, UserStatus

    from cogtui.sandbox.bulk_users import _user_like

    specs = generate_users(40)
    template = CognitoIdpUser("p", "first", "pw", UserStatus.CONFIRMED, []).__dict__
    for spec in specs:
        built = CognitoIdpUser(
            "p", spec.username, spec.password, UserStatus[spec.status], spec.attribute_list()
        )
        built.enabled = spec.enabled
        fast = _user_like(CognitoIdpUser, {**template, "user_pool_id": "p"}, spec, UserStatus[spec.status])
        fast.create_date, fast.last_modified_date = built.create_date, built.last_modified_date
        assert fast.attributes[-1] == {"Name": "sub", "Value": fast.id}
        fast.id = built.id
        fast.attributes[-1]["Value"] = fast.attribute_lookup["sub"] = built.id
        assert fast.__dict__ == built.__dict__ and fast.to_json(extended=True) == built.to_json(extended=True)
