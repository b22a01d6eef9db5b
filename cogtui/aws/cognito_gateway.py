"""Typed Cognito calls on top of the gateway: listings as async page iterators, details as models."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator
from typing import TYPE_CHECKING, Any

from cogtui.aws import models as m
from cogtui.aws.errors import CogtuiError, ServiceError
from cogtui.aws.gateway import Gateway
from cogtui.aws.user_rows import RowsPage, rows_from_api

if TYPE_CHECKING:
    from concurrent.futures import Future

NOT_IMPLEMENTED_CODES = frozenset({"500", "Unsupported"})  # how emulators say "no such operation here"
# Errors Cognito documents for an optional read that mean "this pool keeps none of that": a feature
# that is off, not a failure. (operation, code) -> (what, why and what turns it on).
FEATURE_OFF = {
    ("AdminListUserAuthEvents", "UserPoolAddOnNotEnabledException"): (
        "sign-in events",
        "Cognito records sign-in events only with threat protection: the pool must be on the Plus "
        "feature plan with threat protection (UserPoolAddOns AdvancedSecurityMode) set to AUDIT or "
        "ENFORCED.",
    ),
    ("AdminListDevices", "InvalidUserPoolConfigurationException"): (
        "remembered devices",
        "Cognito keeps devices only when the pool remembers them: device tracking "
        "(DeviceConfiguration) is off or not usable for this pool.",
    ),
}
IDP = "cognito-idp"
IDENTITY = "cognito-identity"
STS = "sts"
IAM = "iam"


class CognitoGateway(Gateway):
    """The methods screens and the core call. Each returns frozen models or raises a CogtuiError."""

    # -- user pools ---------------------------------------------------------------------------------

    def head_start_user_pools(self, page_size: int = 60) -> Future[Any]:
        """Request the first page of user pools now; ``iter_user_pools`` starts from it."""
        return self.head_start(IDP, "ListUserPools", page_size=page_size)

    async def iter_user_pools(self, page_size: int = 60) -> AsyncIterator[list[m.UserPoolSummary]]:
        async for items in self.pages(IDP, "ListUserPools", "UserPools", page_size=page_size):
            yield [m.UserPoolSummary.from_api(d) for d in items]

    async def describe_user_pool(self, pool_id: str) -> m.UserPool:
        r = await self.call(IDP, "DescribeUserPool", UserPoolId=pool_id)
        return m.UserPool.from_api(r["UserPool"])

    async def get_mfa_config(self, pool_id: str) -> m.MfaConfig:
        r = await self.call(IDP, "GetUserPoolMfaConfig", UserPoolId=pool_id)
        return m.MfaConfig.from_api(r)

    async def describe_domain(self, domain: str) -> dict[str, Any]:
        r = await self.call(IDP, "DescribeUserPoolDomain", Domain=domain)
        return dict(r.get("DomainDescription") or {})

    # -- app clients --------------------------------------------------------------------------------

    async def iter_clients(
        self, pool_id: str, page_size: int = 60
    ) -> AsyncIterator[list[m.AppClientSummary]]:
        async for items in self.pages(
            IDP, "ListUserPoolClients", "UserPoolClients", page_size=page_size, UserPoolId=pool_id
        ):
            yield [m.AppClientSummary.from_api(d) for d in items]

    async def describe_client(self, pool_id: str, client_id: str) -> m.AppClient:
        r = await self.call(IDP, "DescribeUserPoolClient", UserPoolId=pool_id, ClientId=client_id)
        return m.AppClient.from_api(r["UserPoolClient"])

    # -- users --------------------------------------------------------------------------------------

    async def iter_users(
        self,
        pool_id: str,
        filter_expression: str | None = None,
        page_size: int = 60,
        starting_token: str | None = None,
    ) -> AsyncIterator[list[m.User]]:
        """ListUsers page by page; ``starting_token`` (a ``ThrottledError``'s ``resume_token``) goes on
        from where a stopped listing stopped."""
        params: dict[str, Any] = {"UserPoolId": pool_id}
        if filter_expression:
            params["Filter"] = filter_expression
        pages = self.pages(
            IDP, "ListUsers", "Users", page_size=page_size, starting_token=starting_token, **params
        )
        async for items in pages:
            yield [m.User.from_api(d) for d in items]

    async def iter_user_rows(
        self,
        pool_id: str,
        filter_expression: str | None = None,
        page_size: int = 60,
        starting_token: str | None = None,
    ) -> AsyncGenerator[RowsPage, None]:
        """ListUsers as the users table keeps it: each page made compact rows on the fetching thread."""
        params: dict[str, Any] = {"UserPoolId": pool_id}
        if filter_expression:
            params["Filter"] = filter_expression
        async for rows in self.converted_pages(
            IDP,
            "ListUsers",
            "Users",
            rows_from_api,
            page_size=page_size,
            starting_token=starting_token,
            **params,
        ):
            yield rows

    async def get_user(self, pool_id: str, username: str) -> m.User:
        r = await self.call(IDP, "AdminGetUser", UserPoolId=pool_id, Username=username)
        return m.User.from_api(r)

    async def groups_for_user(self, pool_id: str, username: str) -> list[m.Group]:
        out: list[m.Group] = []
        async for items in self.pages(
            IDP, "AdminListGroupsForUser", "Groups", page_size=60, UserPoolId=pool_id, Username=username
        ):
            out.extend(m.Group.from_api(d) for d in items)
        return out

    async def optional_call(self, service: str, operation: str, **params: Any) -> dict[str, Any] | None:
        """A call some endpoints do not implement: ``None`` when the endpoint says it cannot answer it.

        Emulators answer an operation they lack with a bare HTTP 500 (moto) or ``Unsupported``
        (cognito-local), after botocore's retries. Any other failure (access denied, throttling, a
        timeout, Cognito's own InternalErrorException) is raised: it says something about this caller.
        """
        try:
            return await self.call(service, operation, **params)
        except ServiceError as err:
            if err.code in NOT_IMPLEMENTED_CODES:
                return None
            raise

    async def feature_call(
        self, service: str, operation: str, **params: Any
    ) -> dict[str, Any] | m.NotRecorded | None:
        """An optional call that may also be answered "the pool keeps none of that" (``FEATURE_OFF``)."""
        try:
            return await self.optional_call(service, operation, **params)
        except CogtuiError as err:  # whatever class the code was mapped to
            off = FEATURE_OFF.get((operation, err.code))
            if off is None:
                raise
            return m.NotRecorded(off[0], off[1], err.code)

    async def user_devices(self, pool_id: str, username: str) -> list[dict[str, Any]] | m.NotRecorded | None:
        r = await self.feature_call(IDP, "AdminListDevices", UserPoolId=pool_id, Username=username, Limit=20)
        return r if r is None or isinstance(r, m.NotRecorded) else list(r.get("Devices") or [])

    async def user_auth_events(
        self, pool_id: str, username: str
    ) -> list[dict[str, Any]] | m.NotRecorded | None:
        r = await self.feature_call(
            IDP, "AdminListUserAuthEvents", UserPoolId=pool_id, Username=username, MaxResults=10
        )
        return r if r is None or isinstance(r, m.NotRecorded) else list(r.get("AuthEvents") or [])

    # -- groups and identity providers --------------------------------------------------------------

    async def iter_groups(self, pool_id: str, page_size: int = 60) -> AsyncIterator[list[m.Group]]:
        async for items in self.pages(IDP, "ListGroups", "Groups", page_size=page_size, UserPoolId=pool_id):
            yield [m.Group.from_api(d) for d in items]

    async def iter_users_in_group(
        self, pool_id: str, group: str, page_size: int = 60
    ) -> AsyncIterator[list[m.User]]:
        async for items in self.pages(
            IDP, "ListUsersInGroup", "Users", page_size=page_size, UserPoolId=pool_id, GroupName=group
        ):
            yield [m.User.from_api(d) for d in items]

    async def iter_identity_providers(
        self, pool_id: str, page_size: int = 60
    ) -> AsyncIterator[list[m.IdentityProvider]]:
        async for items in self.pages(
            IDP, "ListIdentityProviders", "Providers", page_size=page_size, UserPoolId=pool_id
        ):
            yield [m.IdentityProvider.from_api(d) for d in items]

    async def describe_identity_provider(self, pool_id: str, name: str) -> m.IdentityProvider:
        r = await self.call(IDP, "DescribeIdentityProvider", UserPoolId=pool_id, ProviderName=name)
        return m.IdentityProvider.from_api(r["IdentityProvider"])

    # -- identity pools -----------------------------------------------------------------------------

    async def iter_identity_pools(self, page_size: int = 60) -> AsyncIterator[list[m.IdentityPoolSummary]]:
        async for items in self.pages(IDENTITY, "ListIdentityPools", "IdentityPools", page_size=page_size):
            yield [m.IdentityPoolSummary.from_api(d) for d in items]

    async def describe_identity_pool(self, identity_pool_id: str) -> m.IdentityPool:
        r = await self.call(IDENTITY, "DescribeIdentityPool", IdentityPoolId=identity_pool_id)
        return m.IdentityPool.from_api(r)

    async def identity_pool_roles(self, identity_pool_id: str) -> m.IdentityPoolRoles | None:
        r = await self.optional_call(IDENTITY, "GetIdentityPoolRoles", IdentityPoolId=identity_pool_id)
        if r is None:
            return None
        return m.IdentityPoolRoles(dict(r.get("Roles") or {}), dict(r.get("RoleMappings") or {}))

    async def get_role(self, role_name: str) -> dict[str, Any]:
        """IAM GetRole: the role, with its trust policy (AssumeRolePolicyDocument)."""
        r = await self.call(IAM, "GetRole", RoleName=role_name)
        return dict(r.get("Role") or {})

    # -- admin actions on a user (all refused in read-only mode by the gateway) ------------------------

    async def admin_action(self, operation: str, pool_id: str, username: str, **extra: Any) -> dict[str, Any]:
        """AdminConfirmSignUp, AdminEnableUser, AdminDisableUser, AdminResetUserPassword, AdminSetUserPassword,
        AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminUserGlobalSignOut, AdminDeleteUser; and the
        sign-in doctor's fixes AdminUpdateUserAttributes and AdminSetUserMFAPreference; and
        AdminDeleteUserAttributes, AdminForgetDevice and AdminCreateUser (MessageAction RESEND)."""
        if operation not in ADMIN_ACTIONS:
            raise CogtuiError(f"{operation} is not a user action.", code="UnknownAction", operation=operation)
        return await self.call(IDP, operation, UserPoolId=pool_id, Username=username, **extra)

    async def create_user(
        self,
        pool_id: str,
        username: str,
        attributes: dict[str, str] | None = None,
        *,
        temporary_password: str | None = None,
        delivery: tuple[str, ...] = (),
        suppress: bool = False,
    ) -> m.User:
        """AdminCreateUser: the new user (FORCE_CHANGE_PASSWORD). Without a temporary password Cognito
        generates one; the invitation goes by ``delivery`` (EMAIL, SMS) unless ``suppress``."""
        params: dict[str, Any] = {
            "UserPoolId": pool_id,
            "Username": username,
            "UserAttributes": [{"Name": k, "Value": v} for k, v in (attributes or {}).items() if v],
        }
        if temporary_password:
            params["TemporaryPassword"] = temporary_password
        if suppress:
            params["MessageAction"] = "SUPPRESS"
        elif delivery:
            params["DesiredDeliveryMediums"] = list(delivery)
        r = await self.call(IDP, "AdminCreateUser", **params)
        return m.User.from_api(r.get("User") or {})

    async def resend_invitation(self, pool_id: str, username: str, delivery: tuple[str, ...] = ()) -> m.User:
        """AdminCreateUser with MessageAction RESEND (FORCE_CHANGE_PASSWORD users only)."""
        extra: dict[str, Any] = {"DesiredDeliveryMediums": list(delivery)} if delivery else {}
        r = await self.admin_action("AdminCreateUser", pool_id, username, MessageAction="RESEND", **extra)
        return m.User.from_api(r.get("User") or {})

    async def update_user_attributes(self, pool_id: str, username: str, attributes: dict[str, str]) -> None:
        await self.admin_action(
            "AdminUpdateUserAttributes",
            pool_id,
            username,
            UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()],
        )

    async def delete_user_attributes(self, pool_id: str, username: str, names: tuple[str, ...]) -> None:
        await self.admin_action(
            "AdminDeleteUserAttributes", pool_id, username, UserAttributeNames=list(names)
        )

    async def set_user_mfa_preference(self, pool_id: str, username: str, **settings: dict[str, bool]) -> None:
        """AdminSetUserMFAPreference with SMSMfaSettings / SoftwareTokenMfaSettings / EmailMfaSettings."""
        await self.admin_action("AdminSetUserMFAPreference", pool_id, username, **settings)

    async def forget_device(self, pool_id: str, username: str, device_key: str) -> None:
        await self.admin_action("AdminForgetDevice", pool_id, username, DeviceKey=device_key)


ADMIN_ACTIONS = frozenset(
    {
        "AdminConfirmSignUp",
        "AdminEnableUser",
        "AdminDisableUser",
        "AdminResetUserPassword",
        "AdminSetUserPassword",
        "AdminAddUserToGroup",
        "AdminRemoveUserFromGroup",
        "AdminUserGlobalSignOut",
        "AdminDeleteUser",
        "AdminUpdateUserAttributes",
        "AdminDeleteUserAttributes",
        "AdminSetUserMFAPreference",
        "AdminForgetDevice",
        "AdminCreateUser",  # with MessageAction RESEND: the invitation again, for an existing user
    }
)
