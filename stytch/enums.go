package stytch

import "github.com/stytchkit/stytchkit/gen"

// AuthenticationFactorDeliveryMethod is how the factor was delivered or presented.
type AuthenticationFactorDeliveryMethod = gen.AuthenticationFactorDeliveryMethod

// Values of AuthenticationFactorDeliveryMethod.
const (
	AuthenticationFactorDeliveryMethodAuthenticatorApp         = gen.AuthenticationFactorDeliveryMethodAuthenticatorApp
	AuthenticationFactorDeliveryMethodBiometric                = gen.AuthenticationFactorDeliveryMethodBiometric
	AuthenticationFactorDeliveryMethodCryptoWallet             = gen.AuthenticationFactorDeliveryMethodCryptoWallet
	AuthenticationFactorDeliveryMethodEmail                    = gen.AuthenticationFactorDeliveryMethodEmail
	AuthenticationFactorDeliveryMethodEmbedded                 = gen.AuthenticationFactorDeliveryMethodEmbedded
	AuthenticationFactorDeliveryMethodImpersonation            = gen.AuthenticationFactorDeliveryMethodImpersonation
	AuthenticationFactorDeliveryMethodImportedAuth0            = gen.AuthenticationFactorDeliveryMethodImportedAuth0
	AuthenticationFactorDeliveryMethodKnowledge                = gen.AuthenticationFactorDeliveryMethodKnowledge
	AuthenticationFactorDeliveryMethodOauthAccessTokenExchange = gen.AuthenticationFactorDeliveryMethodOauthAccessTokenExchange
	AuthenticationFactorDeliveryMethodOauthAmazon              = gen.AuthenticationFactorDeliveryMethodOauthAmazon
	AuthenticationFactorDeliveryMethodOauthApple               = gen.AuthenticationFactorDeliveryMethodOauthApple
	AuthenticationFactorDeliveryMethodOauthBitbucket           = gen.AuthenticationFactorDeliveryMethodOauthBitbucket
	AuthenticationFactorDeliveryMethodOauthCoinbase            = gen.AuthenticationFactorDeliveryMethodOauthCoinbase
	AuthenticationFactorDeliveryMethodOauthDiscord             = gen.AuthenticationFactorDeliveryMethodOauthDiscord
	AuthenticationFactorDeliveryMethodOauthExchangeGithub      = gen.AuthenticationFactorDeliveryMethodOauthExchangeGithub
	AuthenticationFactorDeliveryMethodOauthExchangeGoogle      = gen.AuthenticationFactorDeliveryMethodOauthExchangeGoogle
	AuthenticationFactorDeliveryMethodOauthExchangeHubspot     = gen.AuthenticationFactorDeliveryMethodOauthExchangeHubspot
	AuthenticationFactorDeliveryMethodOauthExchangeSlack       = gen.AuthenticationFactorDeliveryMethodOauthExchangeSlack
	AuthenticationFactorDeliveryMethodOauthFacebook            = gen.AuthenticationFactorDeliveryMethodOauthFacebook
	AuthenticationFactorDeliveryMethodOauthFigma               = gen.AuthenticationFactorDeliveryMethodOauthFigma
	AuthenticationFactorDeliveryMethodOauthGithub              = gen.AuthenticationFactorDeliveryMethodOauthGithub
	AuthenticationFactorDeliveryMethodOauthGitlab              = gen.AuthenticationFactorDeliveryMethodOauthGitlab
	AuthenticationFactorDeliveryMethodOauthGoogle              = gen.AuthenticationFactorDeliveryMethodOauthGoogle
	AuthenticationFactorDeliveryMethodOauthHubspot             = gen.AuthenticationFactorDeliveryMethodOauthHubspot
	AuthenticationFactorDeliveryMethodOauthInstagram           = gen.AuthenticationFactorDeliveryMethodOauthInstagram
	AuthenticationFactorDeliveryMethodOauthLinkedin            = gen.AuthenticationFactorDeliveryMethodOauthLinkedin
	AuthenticationFactorDeliveryMethodOauthMicrosoft           = gen.AuthenticationFactorDeliveryMethodOauthMicrosoft
	AuthenticationFactorDeliveryMethodOauthSalesforce          = gen.AuthenticationFactorDeliveryMethodOauthSalesforce
	AuthenticationFactorDeliveryMethodOauthShopify             = gen.AuthenticationFactorDeliveryMethodOauthShopify
	AuthenticationFactorDeliveryMethodOauthSlack               = gen.AuthenticationFactorDeliveryMethodOauthSlack
	AuthenticationFactorDeliveryMethodOauthSnapchat            = gen.AuthenticationFactorDeliveryMethodOauthSnapchat
	AuthenticationFactorDeliveryMethodOauthSpotify             = gen.AuthenticationFactorDeliveryMethodOauthSpotify
	AuthenticationFactorDeliveryMethodOauthSteam               = gen.AuthenticationFactorDeliveryMethodOauthSteam
	AuthenticationFactorDeliveryMethodOauthTiktok              = gen.AuthenticationFactorDeliveryMethodOauthTiktok
	AuthenticationFactorDeliveryMethodOauthTwitch              = gen.AuthenticationFactorDeliveryMethodOauthTwitch
	AuthenticationFactorDeliveryMethodOauthTwitter             = gen.AuthenticationFactorDeliveryMethodOauthTwitter
	AuthenticationFactorDeliveryMethodOauthYahoo               = gen.AuthenticationFactorDeliveryMethodOauthYahoo
	AuthenticationFactorDeliveryMethodRecoveryCode             = gen.AuthenticationFactorDeliveryMethodRecoveryCode
	AuthenticationFactorDeliveryMethodSms                      = gen.AuthenticationFactorDeliveryMethodSms
	AuthenticationFactorDeliveryMethodSsoOidc                  = gen.AuthenticationFactorDeliveryMethodSsoOidc
	AuthenticationFactorDeliveryMethodSsoSaml                  = gen.AuthenticationFactorDeliveryMethodSsoSaml
	AuthenticationFactorDeliveryMethodTrustedTokenExchange     = gen.AuthenticationFactorDeliveryMethodTrustedTokenExchange
	AuthenticationFactorDeliveryMethodWebauthnRegistration     = gen.AuthenticationFactorDeliveryMethodWebauthnRegistration
	AuthenticationFactorDeliveryMethodWhatsapp                 = gen.AuthenticationFactorDeliveryMethodWhatsapp
)

// AuthenticationFactorType is the kind of factor used to authenticate.
type AuthenticationFactorType = gen.AuthenticationFactorType

// Values of AuthenticationFactorType.
const (
	AuthenticationFactorTypeCrypto             = gen.AuthenticationFactorTypeCrypto
	AuthenticationFactorTypeEmailOtp           = gen.AuthenticationFactorTypeEmailOtp
	AuthenticationFactorTypeImpersonated       = gen.AuthenticationFactorTypeImpersonated
	AuthenticationFactorTypeImported           = gen.AuthenticationFactorTypeImported
	AuthenticationFactorTypeMagicLink          = gen.AuthenticationFactorTypeMagicLink
	AuthenticationFactorTypeOauth              = gen.AuthenticationFactorTypeOauth
	AuthenticationFactorTypeOtp                = gen.AuthenticationFactorTypeOtp
	AuthenticationFactorTypePassword           = gen.AuthenticationFactorTypePassword
	AuthenticationFactorTypeRecoveryCodes      = gen.AuthenticationFactorTypeRecoveryCodes
	AuthenticationFactorTypeSignatureChallenge = gen.AuthenticationFactorTypeSignatureChallenge
	AuthenticationFactorTypeSso                = gen.AuthenticationFactorTypeSso
	AuthenticationFactorTypeTotp               = gen.AuthenticationFactorTypeTotp
	AuthenticationFactorTypeTrustedAuthToken   = gen.AuthenticationFactorTypeTrustedAuthToken
	AuthenticationFactorTypeWebauthn           = gen.AuthenticationFactorTypeWebauthn
)

// ConnectedAppClientType is the type of a Connected App client.
type ConnectedAppClientType = gen.ConnectedAppClientType

// Values of ConnectedAppClientType.
const (
	ConnectedAppClientTypeFirstParty       = gen.ConnectedAppClientTypeFirstParty
	ConnectedAppClientTypeFirstPartyPublic = gen.ConnectedAppClientTypeFirstPartyPublic
	ConnectedAppClientTypeThirdParty       = gen.ConnectedAppClientTypeThirdParty
	ConnectedAppClientTypeThirdPartyPublic = gen.ConnectedAppClientTypeThirdPartyPublic
)

// CryptoWalletType is the blockchain of a crypto wallet.
type CryptoWalletType = gen.CryptoWalletType

// Values of CryptoWalletType.
const (
	CryptoWalletTypeEthereum = gen.CryptoWalletTypeEthereum
	CryptoWalletTypeSolana   = gen.CryptoWalletTypeSolana
)

// IDPIntrospectTokenNetworkRequestTokenTypeHint is what kind of token is introspected.
type IDPIntrospectTokenNetworkRequestTokenTypeHint = gen.IDPIntrospectTokenNetworkRequestTokenTypeHint

// Values of IDPIntrospectTokenNetworkRequestTokenTypeHint.
const (
	IDPIntrospectTokenNetworkRequestTokenTypeHintAccessToken  = gen.IDPIntrospectTokenNetworkRequestTokenTypeHintAccessToken
	IDPIntrospectTokenNetworkRequestTokenTypeHintRefreshToken = gen.IDPIntrospectTokenNetworkRequestTokenTypeHintRefreshToken
)

// IDPOAuthAuthorizeRequestResponseType is the OAuth response type; `code`.
type IDPOAuthAuthorizeRequestResponseType = gen.IDPOAuthAuthorizeRequestResponseType

// Values of IDPOAuthAuthorizeRequestResponseType.
const (
	IDPOAuthAuthorizeRequestResponseTypeCode = gen.IDPOAuthAuthorizeRequestResponseTypeCode
)

// IDPOAuthAuthorizeStartRequestResponseType is the OAuth response type; `code`.
type IDPOAuthAuthorizeStartRequestResponseType = gen.IDPOAuthAuthorizeStartRequestResponseType

// Values of IDPOAuthAuthorizeStartRequestResponseType.
const (
	IDPOAuthAuthorizeStartRequestResponseTypeCode = gen.IDPOAuthAuthorizeStartRequestResponseTypeCode
)

// Locale is language of emails sent by Stytch.
type Locale = gen.Locale

// Values of Locale.
const (
	LocaleEn   = gen.LocaleEn
	LocaleEs   = gen.LocaleEs
	LocaleFr   = gen.LocaleFr
	LocalePtBr = gen.LocalePtBr
)

// M2MClientStatus is an inactive client cannot obtain tokens.
type M2MClientStatus = gen.M2MClientStatus

// Values of M2MClientStatus.
const (
	M2MClientStatusActive   = gen.M2MClientStatusActive
	M2MClientStatusInactive = gen.M2MClientStatusInactive
)

// M2MTokenRequestGrantType is always client_credentials.
type M2MTokenRequestGrantType = gen.M2MTokenRequestGrantType

// Values of M2MTokenRequestGrantType.
const (
	M2MTokenRequestGrantTypeClientCredentials = gen.M2MTokenRequestGrantTypeClientCredentials
)

// OTPLocale is language of one-time passcode messages.
type OTPLocale = gen.OTPLocale

// Values of OTPLocale.
const (
	OTPLocaleCaES   = gen.OTPLocaleCaES
	OTPLocaleCs     = gen.OTPLocaleCs
	OTPLocaleDeDE   = gen.OTPLocaleDeDE
	OTPLocaleEn     = gen.OTPLocaleEn
	OTPLocaleEs     = gen.OTPLocaleEs
	OTPLocaleFa     = gen.OTPLocaleFa
	OTPLocaleFr     = gen.OTPLocaleFr
	OTPLocaleIt     = gen.OTPLocaleIt
	OTPLocaleJa     = gen.OTPLocaleJa
	OTPLocaleNl     = gen.OTPLocaleNl
	OTPLocalePl     = gen.OTPLocalePl
	OTPLocalePtBr   = gen.OTPLocalePtBr
	OTPLocaleRu     = gen.OTPLocaleRu
	OTPLocaleTr     = gen.OTPLocaleTr
	OTPLocaleVi     = gen.OTPLocaleVi
	OTPLocaleZhHans = gen.OTPLocaleZhHans
)

// PasswordHashType is the algorithm of a migrated password hash.
type PasswordHashType = gen.PasswordHashType

// Values of PasswordHashType.
const (
	PasswordHashTypeArgon2i  = gen.PasswordHashTypeArgon2i
	PasswordHashTypeArgon2id = gen.PasswordHashTypeArgon2id
	PasswordHashTypeBcrypt   = gen.PasswordHashTypeBcrypt
	PasswordHashTypeMd5      = gen.PasswordHashTypeMd5
	PasswordHashTypePbkdf2   = gen.PasswordHashTypePbkdf2
	PasswordHashTypePhpass   = gen.PasswordHashTypePhpass
	PasswordHashTypeScrypt   = gen.PasswordHashTypeScrypt
	PasswordHashTypeSha1     = gen.PasswordHashTypeSha1
	PasswordHashTypeSha512   = gen.PasswordHashTypeSha512
)

// ProjectMetricType is the metric counted.
type ProjectMetricType = gen.ProjectMetricType

// Values of ProjectMetricType.
const (
	ProjectMetricTypeM2MCLIENTCOUNT    = gen.ProjectMetricTypeM2MCLIENTCOUNT
	ProjectMetricTypeMEMBERCOUNT       = gen.ProjectMetricTypeMEMBERCOUNT
	ProjectMetricTypeORGANIZATIONCOUNT = gen.ProjectMetricTypeORGANIZATIONCOUNT
	ProjectMetricTypeUNKNOWN           = gen.ProjectMetricTypeUNKNOWN
	ProjectMetricTypeUSERCOUNT         = gen.ProjectMetricTypeUSERCOUNT
)

// RiskAction is the recommended action for an email address.
type RiskAction = gen.RiskAction

// Values of RiskAction.
const (
	RiskActionALLOW     = gen.RiskActionALLOW
	RiskActionBLOCK     = gen.RiskActionBLOCK
	RiskActionCHALLENGE = gen.RiskActionCHALLENGE
)

// RuleAction is what a fraud rule does with a matching request (NONE removes the rule).
type RuleAction = gen.RuleAction

// Values of RuleAction.
const (
	RuleActionALLOW     = gen.RuleActionALLOW
	RuleActionBLOCK     = gen.RuleActionBLOCK
	RuleActionCHALLENGE = gen.RuleActionCHALLENGE
	RuleActionNONE      = gen.RuleActionNONE
)

// RuleMatchType is which kind of rule decided the verdict, when a rule did.
type RuleMatchType = gen.RuleMatchType

// Values of RuleMatchType.
const (
	RuleMatchTypeASN                  = gen.RuleMatchTypeASN
	RuleMatchTypeBROWSERFINGERPRINT   = gen.RuleMatchTypeBROWSERFINGERPRINT
	RuleMatchTypeBROWSERID            = gen.RuleMatchTypeBROWSERID
	RuleMatchTypeCIDRBLOCK            = gen.RuleMatchTypeCIDRBLOCK
	RuleMatchTypeCOUNTRYCODE          = gen.RuleMatchTypeCOUNTRYCODE
	RuleMatchTypeHARDWAREFINGERPRINT  = gen.RuleMatchTypeHARDWAREFINGERPRINT
	RuleMatchTypeNETWORKFINGERPRINT   = gen.RuleMatchTypeNETWORKFINGERPRINT
	RuleMatchTypeRULEMATCHTYPEUNKNOWN = gen.RuleMatchTypeRULEMATCHTYPEUNKNOWN
	RuleMatchTypeVISITORFINGERPRINT   = gen.RuleMatchTypeVISITORFINGERPRINT
	RuleMatchTypeVISITORID            = gen.RuleMatchTypeVISITORID
)

// RuleType is what a fraud rule matches on.
type RuleType = gen.RuleType

// Values of RuleType.
const (
	RuleTypeASN                 = gen.RuleTypeASN
	RuleTypeBROWSERFINGERPRINT  = gen.RuleTypeBROWSERFINGERPRINT
	RuleTypeBROWSERID           = gen.RuleTypeBROWSERID
	RuleTypeCIDRBLOCK           = gen.RuleTypeCIDRBLOCK
	RuleTypeCOUNTRYCODE         = gen.RuleTypeCOUNTRYCODE
	RuleTypeHARDWAREFINGERPRINT = gen.RuleTypeHARDWAREFINGERPRINT
	RuleTypeNETWORKFINGERPRINT  = gen.RuleTypeNETWORKFINGERPRINT
	RuleTypeVISITORFINGERPRINT  = gen.RuleTypeVISITORFINGERPRINT
	RuleTypeVISITORID           = gen.RuleTypeVISITORID
)

// SearchOperator is how the operands of a search query combine.
type SearchOperator = gen.SearchOperator

// Values of SearchOperator.
const (
	SearchOperatorAND = gen.SearchOperatorAND
	SearchOperatorOR  = gen.SearchOperatorOR
)

// UserStatus is a pending user has not yet authenticated.
type UserStatus = gen.UserStatus

// Values of UserStatus.
const (
	UserStatusActive  = gen.UserStatusActive
	UserStatusPending = gen.UserStatusPending
)

// VerdictAction is a fraud verdict.
type VerdictAction = gen.VerdictAction

// Values of VerdictAction.
const (
	VerdictActionALLOW     = gen.VerdictActionALLOW
	VerdictActionBLOCK     = gen.VerdictActionBLOCK
	VerdictActionCHALLENGE = gen.VerdictActionCHALLENGE
)

// VerdictReasonOverrideAction is an override for a verdict reason (NONE removes it).
type VerdictReasonOverrideAction = gen.VerdictReasonOverrideAction

// Values of VerdictReasonOverrideAction.
const (
	VerdictReasonOverrideActionALLOW     = gen.VerdictReasonOverrideActionALLOW
	VerdictReasonOverrideActionBLOCK     = gen.VerdictReasonOverrideActionBLOCK
	VerdictReasonOverrideActionCHALLENGE = gen.VerdictReasonOverrideActionCHALLENGE
	VerdictReasonOverrideActionNONE      = gen.VerdictReasonOverrideActionNONE
)

// WebAuthnRegisterStartRequestAuthenticatorType is restrict to `platform` or `cross-platform` authenticators.
type WebAuthnRegisterStartRequestAuthenticatorType = gen.WebAuthnRegisterStartRequestAuthenticatorType

// Values of WebAuthnRegisterStartRequestAuthenticatorType.
const (
	WebAuthnRegisterStartRequestAuthenticatorTypeCrossPlatform = gen.WebAuthnRegisterStartRequestAuthenticatorTypeCrossPlatform
	WebAuthnRegisterStartRequestAuthenticatorTypePlatform      = gen.WebAuthnRegisterStartRequestAuthenticatorTypePlatform
)
