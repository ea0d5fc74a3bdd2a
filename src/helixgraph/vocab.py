"""The helixgraph ontology's terms as an rdflib namespace: ``HX.government``, ...

Generated from ``ontology/helixgraph.ttl`` by ``make vocab``; a test keeps the two in sync. A
misspelt term raises ``AttributeError`` instead of minting a new IRI:

>>> HX.government
rdflib.term.URIRef('https://w3id.org/helixgraph/ns#government')
>>> HX.goverment
Traceback (most recent call last):
...
AttributeError: term 'goverment' not in namespace 'https://w3id.org/helixgraph/ns#'
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class HX(DefinedNamespace):
    _fail = True
    _NS = Namespace("https://w3id.org/helixgraph/ns#")

    # Classes
    Cluster: URIRef  # cluster
    Ecosystem: URIRef  # innovation ecosystem
    Initiative: URIRef  # initiative
    Project: URIRef  # project

    # Concept schemes
    Helix: URIRef  # quadruple helix
    HelixRole: URIRef  # ecosystem roles
    Indicator: URIRef  # ecosystem indicators
    MembershipRole: URIRef  # membership roles
    Sector: URIRef  # sectors
    ServiceType: URIRef  # service types

    # Properties
    accreditedSince: URIRef  # accredited since
    collaboratesWith: URIRef  # collaborates with
    country: URIRef
    declaredMemberCount: URIRef  # declared member count
    funds: URIRef
    illustrative: URIRef
    linkedTo: URIRef  # tie
    playsRole: URIRef  # plays role
    primaryHelix: URIRef  # primary helix
    providesServiceTo: URIRef  # provides service to
    region: URIRef
    sector: URIRef
    sha256: URIRef  # SHA-256
    sourceFile: URIRef  # source file
    tripleCount: URIRef  # triple count
    typicalHelix: URIRef  # typical helix

    # Concepts
    academia: URIRef
    activeClusterCount: URIRef  # number of active clusters
    appliedResearch: URIRef  # applied research
    basicResearch: URIRef  # basic research
    business: URIRef
    clusterCount: URIRef  # number of clusters
    clusterExports: URIRef  # exports of clusters
    clusterJobs: URIRef  # jobs in clusters
    clusterManagement: URIRef  # cluster management
    clusterManager: URIRef  # cluster management organisation
    clusterMember: URIRef  # cluster member
    clusterOrganiser: URIRef  # cluster organiser
    clusterRdiInvestment: URIRef  # RDI investment of clusters
    clusterTurnover: URIRef  # turnover of clusters
    community: URIRef
    cooperatingInstitute: URIRef  # cooperating scientific institute
    coordinator: URIRef
    deviceDevelopment: URIRef  # development of medical devices
    digitalHealthTools: URIRef  # digital health tools
    funder: URIRef  # R&D funder
    government: URIRef
    infrastructureFunding: URIRef  # infrastructure funding
    insightProvider: URIRef  # insight provider
    knowledgeSharer: URIRef  # knowledge sharer
    knowledgeTransfer: URIRef  # sharing results and expertise
    membersPerCluster: URIRef  # members per cluster
    organiser: URIRef
    participant: URIRef
    partner: URIRef
    patientAdvocacy: URIRef  # patient advocacy
    patientAdvocate: URIRef  # patient advocate
    policyCoordination: URIRef  # policy coordination
    policyCoordinator: URIRef  # policy coordinator
    rdGrants: URIRef  # R&D subsidies and grants
    researchLeader: URIRef  # research leader
    sectorEducation: URIRef  # education
    sectorHealth: URIRef  # human health activities
    sectorICT: URIRef  # information and communication
    sectorMedicalDevices: URIRef  # medical and dental instruments
    sectorPharma: URIRef  # pharmaceuticals
    sectorPublicAdministration: URIRef  # public administration
    sectorResearch: URIRef  # scientific research and development
    solutionDeveloper: URIRef  # solution developer
    treatmentDevelopment: URIRef  # development of new treatments
    userFeedback: URIRef  # real-world insight and feedback
