package stytch

import (
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/stytchkit/stytchkit/gen"
)

// EmailAddress is an email address field; it marshals as a JSON string.
type EmailAddress = openapi_types.Email

// ASNProperties is the ASNProperties object of the API (gen.ASNProperties).
type ASNProperties = gen.ASNProperties

// AddressInformation is the AddressInformation object of the API (gen.AddressInformation).
type AddressInformation = gen.AddressInformation

// AmazonOAuthFactor is the AmazonOAuthFactor object of the API (gen.AmazonOAuthFactor).
type AmazonOAuthFactor = gen.AmazonOAuthFactor

// AppleOAuthFactor is the AppleOAuthFactor object of the API (gen.AppleOAuthFactor).
type AppleOAuthFactor = gen.AppleOAuthFactor

// Argon2Config is the Argon2Config object of the API (gen.Argon2Config).
type Argon2Config = gen.Argon2Config

// Attributes is request context recorded with an event.
type Attributes = gen.Attributes

// AuthenticationFactor is one factor used to authenticate a session, with the sub-object for its kind.
type AuthenticationFactor = gen.AuthenticationFactor

// AuthenticatorAppFactor is the AuthenticatorAppFactor object of the API (gen.AuthenticatorAppFactor).
type AuthenticatorAppFactor = gen.AuthenticatorAppFactor

// AuthorizationCheck is the AuthorizationCheck object of the API (gen.AuthorizationCheck).
type AuthorizationCheck = gen.AuthorizationCheck

// AuthorizationVerdict is the AuthorizationVerdict object of the API (gen.AuthorizationVerdict).
type AuthorizationVerdict = gen.AuthorizationVerdict

// BiometricFactor is the BiometricFactor object of the API (gen.BiometricFactor).
type BiometricFactor = gen.BiometricFactor

// BiometricRegistration is a mobile biometric registration.
type BiometricRegistration = gen.BiometricRegistration

// BitbucketOAuthFactor is the BitbucketOAuthFactor object of the API (gen.BitbucketOAuthFactor).
type BitbucketOAuthFactor = gen.BitbucketOAuthFactor

// BrowserProperties is the BrowserProperties object of the API (gen.BrowserProperties).
type BrowserProperties = gen.BrowserProperties

// CoinbaseOAuthFactor is the CoinbaseOAuthFactor object of the API (gen.CoinbaseOAuthFactor).
type CoinbaseOAuthFactor = gen.CoinbaseOAuthFactor

// ConnectedApp is a Connected App (OAuth client of this project's IdP).
type ConnectedApp = gen.ConnectedApp

// ConnectedAppPublic is the ConnectedAppPublic object of the API (gen.ConnectedAppPublic).
type ConnectedAppPublic = gen.ConnectedAppPublic

// ConnectedAppWithClientSecret is the ConnectedAppWithClientSecret object of the API (gen.ConnectedAppWithClientSecret).
type ConnectedAppWithClientSecret = gen.ConnectedAppWithClientSecret

// ConnectedAppWithNextClientSecret is the ConnectedAppWithNextClientSecret object of the API (gen.ConnectedAppWithNextClientSecret).
type ConnectedAppWithNextClientSecret = gen.ConnectedAppWithNextClientSecret

// CryptoWallet is a crypto wallet registered to a User.
type CryptoWallet = gen.CryptoWallet

// CryptoWalletFactor is the CryptoWalletFactor object of the API (gen.CryptoWalletFactor).
type CryptoWalletFactor = gen.CryptoWalletFactor

// DeviceAttributeDetails is the DeviceAttributeDetails object of the API (gen.DeviceAttributeDetails).
type DeviceAttributeDetails = gen.DeviceAttributeDetails

// DeviceInfo is device fingerprinting results for the request.
type DeviceInfo = gen.DeviceInfo

// DiscordOAuthFactor is the DiscordOAuthFactor object of the API (gen.DiscordOAuthFactor).
type DiscordOAuthFactor = gen.DiscordOAuthFactor

// DomainInformation is the DomainInformation object of the API (gen.DomainInformation).
type DomainInformation = gen.DomainInformation

// Email is an email address of a User.
type Email = gen.Email

// EmailFactor is the EmailFactor object of the API (gen.EmailFactor).
type EmailFactor = gen.EmailFactor

// EmbeddableMagicLinkFactor is the EmbeddableMagicLinkFactor object of the API (gen.EmbeddableMagicLinkFactor).
type EmbeddableMagicLinkFactor = gen.EmbeddableMagicLinkFactor

// FacebookOAuthFactor is the FacebookOAuthFactor object of the API (gen.FacebookOAuthFactor).
type FacebookOAuthFactor = gen.FacebookOAuthFactor

// Feedback is the Feedback object of the API (gen.Feedback).
type Feedback = gen.Feedback

// FigmaOAuthFactor is the FigmaOAuthFactor object of the API (gen.FigmaOAuthFactor).
type FigmaOAuthFactor = gen.FigmaOAuthFactor

// FingerprintMetadata is your own identifiers attached to a fingerprint lookup.
type FingerprintMetadata = gen.FingerprintMetadata

// Fingerprints is the Fingerprints object of the API (gen.Fingerprints).
type Fingerprints = gen.Fingerprints

// GitLabOAuthFactor is the GitLabOAuthFactor object of the API (gen.GitLabOAuthFactor).
type GitLabOAuthFactor = gen.GitLabOAuthFactor

// GithubOAuthExchangeFactor is the GithubOAuthExchangeFactor object of the API (gen.GithubOAuthExchangeFactor).
type GithubOAuthExchangeFactor = gen.GithubOAuthExchangeFactor

// GithubOAuthFactor is the GithubOAuthFactor object of the API (gen.GithubOAuthFactor).
type GithubOAuthFactor = gen.GithubOAuthFactor

// GoogleOAuthExchangeFactor is the GoogleOAuthExchangeFactor object of the API (gen.GoogleOAuthExchangeFactor).
type GoogleOAuthExchangeFactor = gen.GoogleOAuthExchangeFactor

// GoogleOAuthFactor is the GoogleOAuthFactor object of the API (gen.GoogleOAuthFactor).
type GoogleOAuthFactor = gen.GoogleOAuthFactor

// HubspotOAuthExchangeFactor is the HubspotOAuthExchangeFactor object of the API (gen.HubspotOAuthExchangeFactor).
type HubspotOAuthExchangeFactor = gen.HubspotOAuthExchangeFactor

// HubspotOAuthFactor is the HubspotOAuthFactor object of the API (gen.HubspotOAuthFactor).
type HubspotOAuthFactor = gen.HubspotOAuthFactor

// IPGeoProperties is the IPGeoProperties object of the API (gen.IPGeoProperties).
type IPGeoProperties = gen.IPGeoProperties

// ImpersonatedFactor is the ImpersonatedFactor object of the API (gen.ImpersonatedFactor).
type ImpersonatedFactor = gen.ImpersonatedFactor

// InstagramOAuthFactor is the InstagramOAuthFactor object of the API (gen.InstagramOAuthFactor).
type InstagramOAuthFactor = gen.InstagramOAuthFactor

// JWK is a public RSA key used to verify session JWTs.
type JWK = gen.JWK

// LUDSRequirements is the LUDSRequirements object of the API (gen.LUDSRequirements).
type LUDSRequirements = gen.LUDSRequirements

// LinkedInOAuthFactor is the LinkedInOAuthFactor object of the API (gen.LinkedInOAuthFactor).
type LinkedInOAuthFactor = gen.LinkedInOAuthFactor

// M2MClient is a machine-to-machine client.
type M2MClient = gen.M2MClient

// M2MClientWithClientSecret is the M2MClientWithClientSecret object of the API (gen.M2MClientWithClientSecret).
type M2MClientWithClientSecret = gen.M2MClientWithClientSecret

// M2MClientWithNextClientSecret is the M2MClientWithNextClientSecret object of the API (gen.M2MClientWithNextClientSecret).
type M2MClientWithNextClientSecret = gen.M2MClientWithNextClientSecret

// M2MSearchQuery is a search query over M2M clients.
type M2MSearchQuery = gen.M2MSearchQuery

// MD5Config is the MD5Config object of the API (gen.MD5Config).
type MD5Config = gen.MD5Config

// MicrosoftOAuthFactor is the MicrosoftOAuthFactor object of the API (gen.MicrosoftOAuthFactor).
type MicrosoftOAuthFactor = gen.MicrosoftOAuthFactor

// Name is a person's name as the API returns it.
type Name = gen.Name

// NameInput is a name to set in a request: only the parts given (non-nil)
// are changed, so updating the first name never blanks the last name.
type NameInput = gen.NameInput

// NetworkProperties is the NetworkProperties object of the API (gen.NetworkProperties).
type NetworkProperties = gen.NetworkProperties

// OAuthAccessTokenExchangeFactor is the OAuthAccessTokenExchangeFactor object of the API (gen.OAuthAccessTokenExchangeFactor).
type OAuthAccessTokenExchangeFactor = gen.OAuthAccessTokenExchangeFactor

// OAuthProvider is an OAuth provider linked to a User.
type OAuthProvider = gen.OAuthProvider

// OIDCSSOFactor is the OIDCSSOFactor object of the API (gen.OIDCSSOFactor).
type OIDCSSOFactor = gen.OIDCSSOFactor

// Options is the Options object of the API (gen.Options).
type Options = gen.Options

// PBKDF2Config is the PBKDF2Config object of the API (gen.PBKDF2Config).
type PBKDF2Config = gen.PBKDF2Config

// Password is a User's password registration.
type Password = gen.Password

// PhoneNumber is a phone number of a User.
type PhoneNumber = gen.PhoneNumber

// PhoneNumberFactor is the PhoneNumberFactor object of the API (gen.PhoneNumberFactor).
type PhoneNumberFactor = gen.PhoneNumberFactor

// Policy is the Policy object of the API (gen.Policy).
type Policy = gen.Policy

// PolicyResource is the PolicyResource object of the API (gen.PolicyResource).
type PolicyResource = gen.PolicyResource

// PolicyRole is the PolicyRole object of the API (gen.PolicyRole).
type PolicyRole = gen.PolicyRole

// PolicyRolePermission is the PolicyRolePermission object of the API (gen.PolicyRolePermission).
type PolicyRolePermission = gen.PolicyRolePermission

// PolicyScope is the PolicyScope object of the API (gen.PolicyScope).
type PolicyScope = gen.PolicyScope

// PolicyScopePermission is the PolicyScopePermission object of the API (gen.PolicyScopePermission).
type PolicyScopePermission = gen.PolicyScopePermission

// ProjectMetric is the ProjectMetric object of the API (gen.ProjectMetric).
type ProjectMetric = gen.ProjectMetric

// Properties is the Properties object of the API (gen.Properties).
type Properties = gen.Properties

// ProviderValues is the ProviderValues object of the API (gen.ProviderValues).
type ProviderValues = gen.ProviderValues

// RecoveryCodeFactor is the RecoveryCodeFactor object of the API (gen.RecoveryCodeFactor).
type RecoveryCodeFactor = gen.RecoveryCodeFactor

// ResultsMetadata is pagination data of a search.
type ResultsMetadata = gen.ResultsMetadata

// Rule is the Rule object of the API (gen.Rule).
type Rule = gen.Rule

// SAMLSSOFactor is the SAMLSSOFactor object of the API (gen.SAMLSSOFactor).
type SAMLSSOFactor = gen.SAMLSSOFactor

// SHA1Config is the SHA1Config object of the API (gen.SHA1Config).
type SHA1Config = gen.SHA1Config

// SHA512Config is the SHA512Config object of the API (gen.SHA512Config).
type SHA512Config = gen.SHA512Config

// SalesforceOAuthFactor is the SalesforceOAuthFactor object of the API (gen.SalesforceOAuthFactor).
type SalesforceOAuthFactor = gen.SalesforceOAuthFactor

// ScopeResult is the ScopeResult object of the API (gen.ScopeResult).
type ScopeResult = gen.ScopeResult

// ScryptConfig is the ScryptConfig object of the API (gen.ScryptConfig).
type ScryptConfig = gen.ScryptConfig

// SearchOperand is one filter of a search query.
type SearchOperand = gen.SearchOperand

// SearchUsersQuery is a search query over Users.
type SearchUsersQuery = gen.SearchUsersQuery

// Session is a Stytch session.
type Session = gen.Session

// ShopifyOAuthFactor is the ShopifyOAuthFactor object of the API (gen.ShopifyOAuthFactor).
type ShopifyOAuthFactor = gen.ShopifyOAuthFactor

// SlackOAuthExchangeFactor is the SlackOAuthExchangeFactor object of the API (gen.SlackOAuthExchangeFactor).
type SlackOAuthExchangeFactor = gen.SlackOAuthExchangeFactor

// SlackOAuthFactor is the SlackOAuthFactor object of the API (gen.SlackOAuthFactor).
type SlackOAuthFactor = gen.SlackOAuthFactor

// SnapchatOAuthFactor is the SnapchatOAuthFactor object of the API (gen.SnapchatOAuthFactor).
type SnapchatOAuthFactor = gen.SnapchatOAuthFactor

// SpotifyOAuthFactor is the SpotifyOAuthFactor object of the API (gen.SpotifyOAuthFactor).
type SpotifyOAuthFactor = gen.SpotifyOAuthFactor

// SteamOAuthFactor is the SteamOAuthFactor object of the API (gen.SteamOAuthFactor).
type SteamOAuthFactor = gen.SteamOAuthFactor

// TOTP is a TOTP authenticator-app registration.
type TOTP = gen.TOTP

// TOTPWithRecoveryCodes is a TOTP registration with its recovery codes.
type TOTPWithRecoveryCodes = gen.TOTPWithRecoveryCodes

// TikTokOAuthFactor is the TikTokOAuthFactor object of the API (gen.TikTokOAuthFactor).
type TikTokOAuthFactor = gen.TikTokOAuthFactor

// TrustedAuthTokenFactor is the TrustedAuthTokenFactor object of the API (gen.TrustedAuthTokenFactor).
type TrustedAuthTokenFactor = gen.TrustedAuthTokenFactor

// TwitchOAuthFactor is the TwitchOAuthFactor object of the API (gen.TwitchOAuthFactor).
type TwitchOAuthFactor = gen.TwitchOAuthFactor

// TwitterOAuthFactor is the TwitterOAuthFactor object of the API (gen.TwitterOAuthFactor).
type TwitterOAuthFactor = gen.TwitterOAuthFactor

// User is a Stytch User and every authentication factor registered to it.
type User = gen.User

// UserConnectedApp is the UserConnectedApp object of the API (gen.UserConnectedApp).
type UserConnectedApp = gen.UserConnectedApp

// Verdict is the Verdict object of the API (gen.Verdict).
type Verdict = gen.Verdict

// VerdictReasonAction is the VerdictReasonAction object of the API (gen.VerdictReasonAction).
type VerdictReasonAction = gen.VerdictReasonAction

// VerdictReasonOverride is the VerdictReasonOverride object of the API (gen.VerdictReasonOverride).
type VerdictReasonOverride = gen.VerdictReasonOverride

// WebAuthnCredential is the WebAuthnCredential object of the API (gen.WebAuthnCredential).
type WebAuthnCredential = gen.WebAuthnCredential

// WebAuthnFactor is the WebAuthnFactor object of the API (gen.WebAuthnFactor).
type WebAuthnFactor = gen.WebAuthnFactor

// WebAuthnRegistration is a WebAuthn (passkey or security key) registration.
type WebAuthnRegistration = gen.WebAuthnRegistration

// YahooOAuthFactor is the YahooOAuthFactor object of the API (gen.YahooOAuthFactor).
type YahooOAuthFactor = gen.YahooOAuthFactor
